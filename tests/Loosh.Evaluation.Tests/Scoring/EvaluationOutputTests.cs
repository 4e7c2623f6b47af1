using System.Text.Json.Nodes;
using Loosh.Evaluation.Scoring;
using Loosh.Evaluation.Tests.Embeddings;

namespace Loosh.Evaluation.Tests.Scoring;

/// <summary>What a report becomes for people: the JSON of <see cref="EvaluationJson"/> and the heatmap request.</summary>
[Collection(SharedEmbedder.Name)]
public sealed class EvaluationOutputTests(EmbedderFixture fixture)
{
    private static readonly AnswerToEvaluate TestMode = new("hk-test", 77, "[TEST MODE] This is a test response.", 50);

    private Task<EvaluationReport> EvaluateAsync(params AnswerToEvaluate[] answers) =>
        new ChallengeEvaluator(fixture.Embedder, ScoringProfile.Reference).EvaluateAsync(TcpChallenge.Request(answers));

    [Fact]
    public async Task Json_names_every_field_in_snake_case_with_the_reports_values()
    {
        var report = await EvaluateAsync([.. TcpChallenge.Answers(), TestMode]);

        var json = EvaluationJson.Write(report);

        Assert.Equal(
            ["challenge_id", "profile", "model", "path", "consensus_score", "best_miner", "emissions", "consensus", "answers", "sybil"],
            json.Select(p => p.Key));
        Assert.Equal("tcp-udp", (string?)json["challenge_id"]);
        Assert.Equal("reference", (string?)json["profile"]);
        Assert.Equal("all-MiniLM-L6-v2", (string?)json["model"]);
        Assert.Equal("consensus", (string?)json["path"]);
        Assert.Equal(report.ConsensusScore, (double)json["consensus_score"]!);
        Assert.Equal("hk-bananas", (string?)json["best_miner"]);
        var emissions = json["emissions"]!.AsObject();
        Assert.Equal(report.Emissions.Select(e => e.Hotkey), emissions.Select(p => p.Key));
        Assert.All(report.Emissions, e => Assert.Equal(e.Emission, (double)emissions[e.Hotkey]!));

        var consensus = json["consensus"]!.AsObject();
        Assert.Equal(
            ["theta", "mean", "standard_deviation", "consensus_achieved", "weighted_score", "in_consensus", "out_of_consensus",
             "quality_filtered", "outliers", "outlier_factors", "garbage_reversal", "garbage_alert", "clusters"],
            consensus.Select(p => p.Key));
        Assert.Equal(report.Consensus!.InConsensus, Strings(consensus["in_consensus"]));
        Assert.Equal(["hk-bananas"], Strings(consensus["out_of_consensus"]));
        Assert.Equal(report.Consensus.Mean, (double)consensus["mean"]!);

        var answers = json["answers"]!.AsArray();
        Assert.Equal(7, answers.Count);
        var first = answers[0]!.AsObject();
        Assert.Equal(
            ["hotkey", "uid", "test_mode", "prompt_relevance", "quality", "in_consensus", "individual_score", "emission"],
            first.Select(p => p.Key));
        Assert.Equal(
            ["quality", "raw_relevance", "relevance", "sentence_relevance", "prompt_coverage", "keyword_coverage", "coherence",
             "complexity", "density", "specificity", "sentences", "gated_by_relevance"],
            first["quality"]!.AsObject().Select(p => p.Key));
        Assert.Equal(11, (int)first["uid"]!);
        Assert.Equal(report.Answers[0].Quality!.Quality, (double)first["quality"]!["quality"]!);
        Assert.Equal(report.Answers[0].IndividualScore, (double)first["individual_score"]!);
        var test = answers[6]!.AsObject();
        Assert.True((bool)test["test_mode"]!);
        Assert.Null(test["quality"]);
        Assert.Null(test["prompt_relevance"]);
        Assert.Equal(0.0, (double)test["emission"]!);

        var sybil = json["sybil"]!.AsObject();
        Assert.Equal(["high_similarity_threshold", "very_high_similarity_threshold", "pairs", "groups"], sybil.Select(p => p.Key));
        Assert.Equal(report.Sybil!.Pairs.Count, sybil["pairs"]!.AsArray().Count);
    }

    [Fact]
    public async Task Json_of_the_single_answer_path_has_no_consensus_and_no_sybil()
    {
        var json = EvaluationJson.Write(await EvaluateAsync(TcpChallenge.Answers()[0], TestMode));

        Assert.Equal("single_answer", (string?)json["path"]);
        Assert.Equal(1.0, (double)json["consensus_score"]!);
        Assert.Null(json["consensus"]);
        Assert.Null(json["sybil"]);
    }

    [Fact]
    public async Task Heatmap_labels_every_compared_answer_by_uid_and_marks_who_is_out_of_consensus()
    {
        var report = await EvaluateAsync([TestMode, .. TcpChallenge.Answers()]);
        var timestamp = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        var request = EvaluationHeatmap.Request(report, timestamp, "corr-1");

        Assert.Equal(["11", "22", "33", "44", "55", "66"], request.Labels);
        Assert.Equal(["11", "22", "33", "44", "55"], request.InConsensus.Order());
        Assert.DoesNotContain("66", request.InConsensus);
        Assert.Same(report.Similarities, request.Similarities);
        Assert.Equal("tcp-udp", request.ChallengeId);
        Assert.Equal(timestamp, request.Timestamp);
        Assert.Equal("corr-1", request.CorrelationId);
    }

    [Fact]
    public async Task Heatmap_needs_two_compared_answers()
    {
        var single = await EvaluateAsync(TcpChallenge.Answers()[0], TestMode);
        var none = await EvaluateAsync();

        Assert.Throws<InvalidOperationException>(() => EvaluationHeatmap.Request(single, DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidOperationException>(() => EvaluationHeatmap.Request(none, DateTimeOffset.UnixEpoch));
    }

    private static IEnumerable<string?> Strings(JsonNode? array) => array!.AsArray().Select(n => (string?)n);
}
