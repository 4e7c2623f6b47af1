namespace Loosh.Chain.Weights;

/// <summary>
/// The SDK's <c>convert_weights_and_uids_for_emit</c> (chain.md §2.5): divide by the largest weight, scale to 65535,
/// round half to even (Python <c>round</c>, like <see cref="MidpointRounding.ToEven"/>) and leave out the entries that
/// round to 0. Validators on the same subnet compare their weights, so the u16 values must match the SDK's bit for bit,
/// including the float32 rounding the SDK applies to weights given as a list.
/// </summary>
public static class WeightConversion
{
    /// <summary>
    /// As the SDK's <c>set_weights</c> does with a list of floats or a float32 array: each weight is rounded to float32
    /// first, then widened back, then converted. All weights zero (or none at all) gives <see cref="ChainWeights.Empty"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a uid repeats, or a weight is negative, NaN or infinite.</exception>
    public static ChainWeights ToChainWeights(IReadOnlyList<ushort> uids, IReadOnlyList<double> weights)
    {
        WeightInput.Validate(uids, weights);
        var narrowed = WeightInput.NarrowToFloat32(weights);
        return MaxUpscale(uids, Array.ConvertAll(narrowed, weight => (double)weight));
    }

    /// <summary>
    /// Converts the output of <see cref="WeightProcessing.ProcessForSubnet"/> at the precision the SDK produced it in
    /// (float32 or float64), as <c>set_weights</c> does with a numpy array.
    /// </summary>
    public static ChainWeights ToChainWeights(ProcessedWeights processed)
    {
        ArgumentNullException.ThrowIfNull(processed);
        WeightInput.Validate(processed.Uids, processed.Weights);
        return MaxUpscale(processed.Uids, processed.Weights);
    }

    private static ChainWeights MaxUpscale(IReadOnlyList<ushort> uids, IReadOnlyList<double> weights)
    {
        var max = weights.DefaultIfEmpty(0).Max();
        if (max == 0)
        {
            return ChainWeights.Empty;
        }
        var keptUids = new List<ushort>(uids.Count);
        var values = new List<ushort>(uids.Count);
        for (var i = 0; i < uids.Count; i++)
        {
            var value = Math.Round(weights[i] / max * ushort.MaxValue, MidpointRounding.ToEven);
            if (value != 0)
            {
                keptUids.Add(uids[i]);
                values.Add((ushort)value);
            }
        }
        return new ChainWeights(keptUids, values);
    }
}
