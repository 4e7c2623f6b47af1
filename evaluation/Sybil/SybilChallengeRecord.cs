using System.Text.Json.Serialization;

using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Sybil;

/// <summary>
/// One stored pair as the reference writes it and syncs it (evaluation.md §7.7): texts cut to 500 characters,
/// similarity as reported (for fusion, by default the maximum of the views).
/// </summary>
public sealed record SybilPairRecord(
    [property: JsonPropertyName("miner_hotkey_1")] string MinerHotkey1,
    [property: JsonPropertyName("miner_hotkey_2")] string MinerHotkey2,
    [property: JsonPropertyName("similarity_score")] double SimilarityScore,
    [property: JsonPropertyName("response_text_1")] string ResponseText1,
    [property: JsonPropertyName("response_text_2")] string ResponseText2,
    [property: JsonPropertyName("detection_method")] string DetectionMethod);

/// <summary>One stored group (§7.7): hotkeys sorted, texts cut to 500 characters.</summary>
public sealed record SybilGroupRecord(
    [property: JsonPropertyName("miner_hotkeys")] IReadOnlyList<string> MinerHotkeys,
    [property: JsonPropertyName("avg_similarity")] double AvgSimilarity,
    [property: JsonPropertyName("min_similarity")] double MinSimilarity,
    [property: JsonPropertyName("max_similarity")] double MaxSimilarity,
    [property: JsonPropertyName("min_internal_similarity")] double MinInternalSimilarity,
    [property: JsonPropertyName("response_texts")] IReadOnlyDictionary<string, string> ResponseTexts);

/// <summary>
/// The per-challenge fields of a <c>POST /analytics/sybil-detection/bulk</c> record (evaluation.md §7.7,
/// protocols.md §1.8), named as the reference sends them with System.Text.Json's default options. The caller adds
/// <c>validator_hotkey_ss58</c> and <c>challenge_id</c>. An empty pair or group list is sent as null, as the
/// reference's sync does (<c>x if x else None</c>).
/// </summary>
public sealed record SybilChallengeRecord(
    [property: JsonPropertyName("suspicious_pairs_count")] int SuspiciousPairsCount,
    [property: JsonPropertyName("suspicious_groups_count")] int SuspiciousGroupsCount,
    [property: JsonPropertyName("suspicious_pairs")] IReadOnlyList<SybilPairRecord>? SuspiciousPairs,
    [property: JsonPropertyName("suspicious_groups")] IReadOnlyList<SybilGroupRecord>? SuspiciousGroups,
    [property: JsonPropertyName("analysis_report")] string AnalysisReport,
    [property: JsonPropertyName("high_similarity_threshold")] double HighSimilarityThreshold,
    [property: JsonPropertyName("very_high_similarity_threshold")] double VeryHighSimilarityThreshold)
{
    /// <summary>The record of one detection, whatever it found; the caller stores it only when it has findings.</summary>
    public static SybilChallengeRecord From(SybilDetection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        var pairs = detection.Pairs.Select(p => new SybilPairRecord(
            p.Hotkey1,
            p.Hotkey2,
            p.Similarity,
            Stored(p.Text1),
            Stored(p.Text2),
            p.Method.WireName())).ToList();
        var groups = detection.Groups.Select(g => new SybilGroupRecord(
            g.Hotkeys,
            g.AverageSimilarity,
            g.MinSimilarity,
            g.MaxSimilarity,
            g.MinSimilarity,
            StoredTexts(g.Texts))).ToList();
        return new SybilChallengeRecord(
            pairs.Count,
            groups.Count,
            pairs.Count > 0 ? pairs : null,
            groups.Count > 0 ? groups : null,
            detection.Report(),
            detection.Thresholds.High,
            detection.Thresholds.VeryHigh);
    }

    private static string Stored(string text) => CodePoints.Truncate(text, SybilDetector.StorageTextMaxLength);

    /// <summary>Cut texts by hotkey, in ordinal hotkey order so the serialised object reads the same everywhere.</summary>
    private static SortedDictionary<string, string> StoredTexts(IReadOnlyDictionary<string, string> texts)
    {
        var stored = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (hotkey, text) in texts)
        {
            stored[hotkey] = Stored(text);
        }
        return stored;
    }
}
