namespace Loosh.Chain.Weights;

/// <summary>
/// The SDK's <c>process_weights_for_netuid</c> / <c>process_weights</c> (bittensor 10.2.0 on numpy 2, chain.md §2.5):
/// fit float weights to a subnet's <c>MinAllowedWeights</c> and <c>MaxWeightsLimit</c> before they are converted to u16.
/// Reproduced step for step, including where the SDK works in float32 and where in float64, because another validator
/// running the SDK on the same scores must end up with the same u16 values.
/// </summary>
public static class WeightProcessing
{
    /// <summary>The weight every neuron starts from when there are fewer non-zero weights than the subnet requires.</summary>
    private const double Floor = 1e-5;

    /// <summary>
    /// Zero weights are dropped. With no non-zero weight, or a subnet smaller than its own minimum, every neuron gets
    /// 1/n (float64). With fewer non-zero weights than the minimum, every neuron gets 1e-5 plus its weight, then the
    /// max-weight normalisation (float64). Otherwise weights below the lowest <paramref name="excludeQuantile"/>
    /// (out of 65535, capped so that at least the minimum stays) are dropped and the rest max-weight normalised (float32).
    /// </summary>
    /// <remarks>
    /// Two deliberate differences from the SDK, both for input it mishandles: negative, NaN and infinite weights, duplicate
    /// uids and uids at or above <see cref="SubnetWeightLimits.NeuronCount"/> are refused (the SDK treats negatives and NaN
    /// as zero, and the chain would reject the rest); when weights are spread over all neurons, each weight goes to its
    /// uid, where the SDK uses its position in the input (the same thing when the uids are 0..n-1 in order, the SDK's
    /// assumption). The quantile interpolation follows numpy 2.5 (float64 index, float32 interpolation); numpy 2.0–2.4
    /// round it slightly differently, which can only matter when <paramref name="excludeQuantile"/> is not 0.
    /// </remarks>
    /// <exception cref="ArgumentException">Lengths differ, a uid repeats or is outside the subnet, or a weight is negative, NaN or infinite.</exception>
    public static ProcessedWeights ProcessForSubnet(IReadOnlyList<ushort> uids, IReadOnlyList<double> weights, SubnetWeightLimits limits, ushort excludeQuantile = 0)
    {
        WeightInput.Validate(uids, weights);
        WeightInput.RequireKnownUids(uids, limits.NeuronCount);
        var narrowed = WeightInput.NarrowToFloat32(weights);
        var nonZero = Enumerable.Range(0, narrowed.Length).Where(i => narrowed[i] > 0).ToArray();
        if (nonZero.Length == 0 || limits.NeuronCount < limits.MinAllowedWeights)
        {
            return Uniform(limits.NeuronCount);
        }
        if (nonZero.Length < limits.MinAllowedWeights)
        {
            return SpreadOverAllNeurons(uids, narrowed, nonZero, limits);
        }
        var nonZeroUids = Array.ConvertAll(nonZero, i => uids[i]);
        var nonZeroWeights = Array.ConvertAll(nonZero, i => narrowed[i]);
        var maxExclude = Math.Max(0, nonZero.Length - limits.MinAllowedWeights) / (double)nonZero.Length;
        var quantile = Math.Min(excludeQuantile / (double)ushort.MaxValue, maxExclude);
        var lowest = NumpyQuantile.Linear(nonZeroWeights, quantile);
        var kept = Enumerable.Range(0, nonZeroWeights.Length).Where(i => lowest <= nonZeroWeights[i]).ToArray();
        var normalized = MaxWeightNormalization.Normalize<float>(Array.ConvertAll(kept, i => nonZeroWeights[i]), limits.MaxWeightLimit);
        return new ProcessedWeights(Array.ConvertAll(kept, i => nonZeroUids[i]), Array.ConvertAll(normalized, weight => (double)weight));
    }

    private static ProcessedWeights Uniform(ushort neuronCount) =>
        new(AllUids(neuronCount), Enumerable.Repeat(1.0 / neuronCount, neuronCount).ToArray());

    private static ProcessedWeights SpreadOverAllNeurons(IReadOnlyList<ushort> uids, float[] weights, int[] nonZero, SubnetWeightLimits limits)
    {
        var spread = Enumerable.Repeat(Floor, limits.NeuronCount).ToArray();
        foreach (var i in nonZero)
        {
            spread[uids[i]] += weights[i];
        }
        return new ProcessedWeights(AllUids(limits.NeuronCount), MaxWeightNormalization.Normalize<double>(spread, limits.MaxWeightLimit));
    }

    private static ushort[] AllUids(ushort neuronCount) =>
        Enumerable.Range(0, neuronCount).Select(uid => (ushort)uid).ToArray();
}
