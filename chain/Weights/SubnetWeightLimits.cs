namespace Loosh.Chain.Weights;

/// <summary>
/// The subnet facts <c>process_weights_for_netuid</c> reads from the chain: the number of neurons (<c>metagraph.n</c>),
/// <c>MinAllowedWeights</c> and <c>MaxWeightsLimit</c> (a u16 fraction of 65535). Kept as the raw chain values so that the
/// conversion to a float limit happens exactly as the SDK does it.
/// </summary>
public readonly record struct SubnetWeightLimits(ushort NeuronCount, ushort MinAllowedWeights, ushort MaxWeightsLimit)
{
    /// <summary>The SDK's <c>u16_normalized_float(MaxWeightsLimit)</c>: <c>float(x) / 65535.0</c>.</summary>
    public double MaxWeightLimit => MaxWeightsLimit / (double)ushort.MaxValue;
}
