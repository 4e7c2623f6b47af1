using System.Globalization;
using System.Text.Json.Serialization;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>
/// Miners whose weight a sybil penalty lowered (<c>POST /analytics/penalty-report</c>, protocols.md §1.3 row 10), so
/// the Challenge API can show operators why a miner's weight fell.
/// </summary>
public sealed record PenaltyReport(
    string ValidatorHotkey,
    [property: JsonIgnore] DateTimeOffset At,
    IReadOnlyList<PenaltyEntry> Penalties)
{
    /// <summary>Naive UTC ISO-8601, as Python's <c>datetime.utcnow().isoformat()</c> writes it.</summary>
    public string Timestamp => At.UtcDateTime.ToString(
        At.UtcDateTime.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.ffffff",
        CultureInfo.InvariantCulture);
}

/// <summary>One penalised miner; <see cref="PenaltyType"/> is "graduated" or "zeroed".</summary>
public sealed record PenaltyEntry(string MinerHotkey, int MinerUid, string PenaltyType, double SybilScore);

/// <summary>
/// One local sybil analysis (<c>POST /analytics/sybil-detection/bulk</c>, protocols.md §1.8), shared so the Challenge
/// API can correlate suspicious miners across validators.
/// </summary>
public sealed record SybilDetectionRecord(
    string ValidatorHotkeySs58,
    string? ChallengeId,
    int SuspiciousPairsCount,
    int SuspiciousGroupsCount,
    IReadOnlyList<SuspiciousPair> SuspiciousPairs,
    IReadOnlyList<SuspiciousGroup> SuspiciousGroups,
    string AnalysisReport,
    double HighSimilarityThreshold,
    double VeryHighSimilarityThreshold);

/// <summary>Two miners whose answers were too similar; texts are cut to 500 characters by the caller.</summary>
public sealed record SuspiciousPair(
    [property: JsonPropertyName("miner_hotkey_1")] string MinerHotkey1,
    [property: JsonPropertyName("miner_hotkey_2")] string MinerHotkey2,
    double SimilarityScore,
    [property: JsonPropertyName("response_text_1")] string ResponseText1,
    [property: JsonPropertyName("response_text_2")] string ResponseText2,
    string DetectionMethod);

/// <summary>A cluster of mutually similar miners; <see cref="ResponseTexts"/> is keyed by miner hotkey.</summary>
public sealed record SuspiciousGroup(
    IReadOnlyList<string> MinerHotkeys,
    double AvgSimilarity,
    double MinSimilarity,
    double MaxSimilarity,
    double MinInternalSimilarity,
    IReadOnlyDictionary<string, string> ResponseTexts);

/// <summary>
/// Where each miner is served (<c>POST /analytics/miner-network/bulk</c>, protocols.md §1.8), which lets the Challenge
/// API group miners by network for sybil analysis.
/// </summary>
public sealed record MinerNetworkReport(string ValidatorHotkey, IReadOnlyList<MinerObservation> Observations);

/// <summary>One served miner; <see cref="IpAddress"/> is the chain's integer-as-string form, not dotted decimal.</summary>
public sealed record MinerObservation(
    string MinerHotkey,
    string IpAddress,
    int MinerUid,
    string Coldkey,
    int Port,
    int? Asn,
    string? AsnName);

/// <summary>
/// A miner's entry in <c>POST /analytics/sybil-scores/batch</c>: the sybil score used for weight penalties and the
/// priority weight used for challenge distribution (1.0 when absent, fail-open).
/// </summary>
public sealed record SybilScore(double? Score, double PriorityWeight);

/// <summary>A file for <c>/fiber/heatmap/upload</c>; <see cref="FileType"/> is "heatmap" or "quality_plot".</summary>
public sealed record HeatmapFile(string ChallengeId, string FileType, string Filename, string ContentType, byte[] Data);
