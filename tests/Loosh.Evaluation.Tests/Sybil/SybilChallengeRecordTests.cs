using System.Text.Json;
using Loosh.Evaluation.Sybil;
using static Loosh.Evaluation.Tests.Sybil.SybilFixtures;

namespace Loosh.Evaluation.Tests.Sybil;

/// <summary>SybilChallengeRecord: the stored row and bulk-sync record shape (evaluation.md §7.7).</summary>
public sealed class SybilChallengeRecordTests
{
    private static JsonElement Serialized(SybilDetection detection) =>
        JsonDocument.Parse(JsonSerializer.Serialize(detection.ToRecord())).RootElement;

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Field_names_are_the_references_snake_case()
    {
        var json = Serialized(SybilDetector.Detect(Answers(Prose), E12(0.95), NoSentences));

        Assert.Equal(
            ["suspicious_pairs_count", "suspicious_groups_count", "suspicious_pairs", "suspicious_groups", "analysis_report", "high_similarity_threshold", "very_high_similarity_threshold"],
            Names(json));
        var pair = Assert.Single(json.GetProperty("suspicious_pairs").EnumerateArray().ToArray());
        Assert.Equal(["miner_hotkey_1", "miner_hotkey_2", "similarity_score", "response_text_1", "response_text_2", "detection_method"], Names(pair));
        Assert.Equal("fusion", pair.GetProperty("detection_method").GetString());
        Assert.Equal("hk0", pair.GetProperty("miner_hotkey_1").GetString());
        var group = Assert.Single(json.GetProperty("suspicious_groups").EnumerateArray().ToArray());
        Assert.Equal(["miner_hotkeys", "avg_similarity", "min_similarity", "max_similarity", "min_internal_similarity", "response_texts"], Names(group));
        Assert.Equal(["hk0", "hk1"], group.GetProperty("miner_hotkeys").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Prose[1], group.GetProperty("response_texts").GetProperty("hk1").GetString());
        Assert.Equal(0.95, group.GetProperty("min_internal_similarity").GetDouble());
        Assert.Equal(1, json.GetProperty("suspicious_pairs_count").GetInt32());
        Assert.Equal(0.94885, json.GetProperty("high_similarity_threshold").GetDouble(), 1e-12);
        Assert.StartsWith("Sybil detection: 4 answers, 4 eligible", json.GetProperty("analysis_report").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_list_is_sent_as_null()
    {
        // Identical texts with dissimilar embeddings: a fusion pair but no group.
        var detection = SybilDetector.Detect(Answers(Prose[0], Prose[0], Prose[1]), Matrix(3, (0, 1, 0.5), (0, 2, 0.3), (1, 2, 0.3)), NoSentences);

        var json = Serialized(detection);

        Assert.Equal(0, json.GetProperty("suspicious_groups_count").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("suspicious_groups").ValueKind);
        Assert.Equal(1, json.GetProperty("suspicious_pairs").GetArrayLength());
    }

    [Fact]
    public void Stored_texts_are_cut_to_500_code_points()
    {
        // 300 emoji (two UTF-16 units each) then 300 letters: the first 500 code points are the emoji and 200 letters.
        var text = string.Concat(Enumerable.Repeat("😀", 300)) + new string('a', 300);
        var expected = string.Concat(Enumerable.Repeat("😀", 300)) + new string('a', 200);

        var record = SybilDetector.Detect(Answers(text, text), Uniform(2, 1.0), NoSentences).ToRecord();

        var pair = Assert.Single(record.SuspiciousPairs!);
        Assert.Equal(expected, pair.ResponseText1);
        Assert.Equal(expected, pair.ResponseText2);
        Assert.All(Assert.Single(record.SuspiciousGroups!).ResponseTexts.Values, stored => Assert.Equal(expected, stored));
    }

    [Fact]
    public void The_report_shows_at_most_ten_pairs_and_five_groups()
    {
        // Five answers all at 0.99 give ten pairs and a second cluster of two gives an eleventh, one more than shown.
        var texts = Enumerable.Repeat(Prose[0], 5).Concat(Enumerable.Repeat(Prose[1], 2)).ToArray();
        var similarities = Matrix(7);
        for (var i = 0; i < 5; i++)
        {
            for (var j = i + 1; j < 5; j++)
            {
                similarities[i, j] = similarities[j, i] = 0.99;
            }
        }
        similarities[5, 6] = similarities[6, 5] = 0.99;

        var report = SybilDetector.Detect(Answers(texts), similarities, NoSentences).Report();

        Assert.Contains("Suspicious pairs: 11", report, StringComparison.Ordinal);
        Assert.Contains("  10. ", report, StringComparison.Ordinal);
        Assert.DoesNotContain("  11. ", report, StringComparison.Ordinal);
        Assert.Contains("  ... and 1 more pairs", report, StringComparison.Ordinal);
        Assert.Contains("Suspicious groups: 2", report, StringComparison.Ordinal);
    }
}
