namespace Loosh.Evaluation.Recording;

/// <summary>What one similarity heatmap shows (evaluation.md §8.1, drawn for every valid answer as §14.16 asks).</summary>
/// <param name="ChallengeId">The challenge's UUID (not the reference's salted hash, §14.12).</param>
/// <param name="Timestamp">When the evaluation ran; passed in so that the same input always draws the same image.</param>
/// <param name="Labels">One label per valid answer (miner UIDs), in the order of the matrix rows.</param>
/// <param name="Similarities">The n × n cosine matrix of all valid answers, diagonal included.</param>
/// <param name="InConsensus">Labels of the answers that survived the consensus filters (§4.1); the others are marked.</param>
/// <param name="CorrelationId">Shown in the title when present.</param>
public sealed record HeatmapRequest(
    string ChallengeId,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> Labels,
    double[,] Similarities,
    IReadOnlySet<string> InConsensus,
    string? CorrelationId = null);
