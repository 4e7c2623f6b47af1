namespace Loosh.Evaluation.Weights;

/// <summary>
/// Turns final per-hotkey scores into the vector over every serving miner (evaluation.md §9.2 steps 5–6),
/// including the all-zero rules that decide between keeping the on-chain weights and spreading them evenly.
/// </summary>
public static class WeightVector
{
    /// <summary>
    /// Returns one weight per serving miner, in the given order, summing to one: each miner's score (zero when it
    /// has none) normalised. When every score is zero: null in NORMAL and DEGRADED (the run is skipped and the
    /// weights on chain stay), uniform <c>1/N</c> in EMERGENCY. No serving miners also gives null.
    /// </summary>
    public static IReadOnlyList<UidWeight>? Build(
        IReadOnlyList<ServingMiner> serving,
        IReadOnlyDictionary<string, double> scores,
        OperatingMode mode)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(scores);
        if (serving.Count == 0)
        {
            return null;
        }

        var normalised = WeightNormalization.Normalize([.. serving.Select(miner => scores.GetValueOrDefault(miner.Hotkey))]);
        if (normalised is null && mode != OperatingMode.Emergency)
        {
            return null;
        }
        var uniform = 1.0 / serving.Count;
        return [.. serving.Select((miner, i) => new UidWeight(miner.Uid, normalised?[i] ?? uniform))];
    }
}
