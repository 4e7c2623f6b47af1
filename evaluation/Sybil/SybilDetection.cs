namespace Loosh.Evaluation.Sybil;

/// <summary>
/// The outcome of sybil detection for one challenge (evaluation.md §7): thresholds, de-duplicated pairs (highest
/// similarity first) and strict groups (highest average first).
/// </summary>
/// <param name="AnswerCount">Valid answers examined.</param>
/// <param name="EligibleCount">Answers that passed the length gate.</param>
/// <param name="Thresholds">The adaptive thresholds.</param>
/// <param name="Pairs">Suspicious pairs.</param>
/// <param name="Groups">Suspicious groups.</param>
public sealed record SybilDetection(
    int AnswerCount,
    int EligibleCount,
    SybilThresholds Thresholds,
    IReadOnlyList<SybilPair> Pairs,
    IReadOnlyList<SybilGroup> Groups)
{
    /// <summary>True when there is something to store and sync: at least one pair or group (§7.7).</summary>
    public bool HasFindings => Pairs.Count > 0 || Groups.Count > 0;

    /// <summary>The human-readable report stored and synced as <c>analysis_report</c>.</summary>
    public string Report() => SybilReport.Write(this);

    /// <summary>
    /// The per-challenge part of a <c>/analytics/sybil-detection/bulk</c> record; the caller adds
    /// <c>validator_hotkey_ss58</c> and <c>challenge_id</c>.
    /// </summary>
    public SybilChallengeRecord ToRecord() => SybilChallengeRecord.From(this);
}
