using Loosh.Evaluation.Weights;

namespace Loosh.Grains.Weights;

/// <summary>Turns what the miner grains hold into the evaluation rows the moving average reads.</summary>
public static class EmissionRecords
{
    /// <summary>
    /// One row per scored challenge per miner. A miner's moving average depends only on the order of its own
    /// emissions, so rows need not be grouped by challenge; ids follow (time, hotkey, challenge) so ties are
    /// broken the same way on every run.
    /// </summary>
    public static IReadOnlyList<EvaluationRecord> From(IEnumerable<MinerScoreInputs> miners)
    {
        ArgumentNullException.ThrowIfNull(miners);
        return [.. miners
            .SelectMany(miner => miner.Emissions.Select(emission => (miner.Hotkey, Emission: emission)))
            .OrderBy(e => e.Emission.At)
            .ThenBy(e => e.Hotkey, StringComparer.Ordinal)
            .ThenBy(e => e.Emission.ChallengeId, StringComparer.Ordinal)
            .Select((e, i) => new EvaluationRecord(i, e.Emission.At, new Dictionary<string, double>(StringComparer.Ordinal) { [e.Hotkey] = e.Emission.Emission }))];
    }
}
