using System.Globalization;
using Loosh.Evaluation.Recording;

namespace Loosh.Evaluation.Scoring;

/// <summary>The heatmap of an evaluation: every compared answer labelled by its miner's UID, the out-of-consensus ones marked.</summary>
public static class EvaluationHeatmap
{
    /// <exception cref="InvalidOperationException">Fewer than two answers were compared, so there is no matrix to draw.</exception>
    public static HeatmapRequest Request(EvaluationReport report, DateTimeOffset timestamp, string? correlationId = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.SimilarityHotkeys.Count < 2)
        {
            throw new InvalidOperationException($"Challenge {report.ChallengeId} compared {report.SimilarityHotkeys.Count} answer(s); a heatmap needs two.");
        }
        var uids = report.Answers.ToDictionary(a => a.Hotkey, a => a.Uid.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var labels = report.SimilarityHotkeys.Select(h => uids[h]).ToArray();
        var inConsensus = report.Answers.Where(a => a.InConsensus).Select(a => uids[a.Hotkey]).ToHashSet(StringComparer.Ordinal);
        return new HeatmapRequest(report.ChallengeId, timestamp, labels, report.Similarities, inConsensus, correlationId);
    }
}
