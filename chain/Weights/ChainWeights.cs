namespace Loosh.Chain.Weights;

/// <summary>
/// The <c>dests</c> and <c>weights</c> vectors of a <c>set_weights</c> call (chain.md §2.4): u16 uids and u16 values,
/// max-upscaled so the largest is 65535, zeros left out. Empty when there is nothing to set (the SDK then sends nothing).
/// </summary>
public sealed record ChainWeights(IReadOnlyList<ushort> Uids, IReadOnlyList<ushort> Values)
{
    public static ChainWeights Empty { get; } = new([], []);

    public bool IsEmpty => Uids.Count == 0;
}
