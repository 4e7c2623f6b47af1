using Loosh.Evaluation.Scoring;
using Loosh.Evaluation.Tests.Embeddings;
using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Tests.Scoring;

/// <summary>The evaluator's trivial paths (evaluation.md §6.1, §6.3, §12) with the bundled model.</summary>
[Collection(SharedEmbedder.Name)]
public sealed class ChallengeEvaluatorPathTests(EmbedderFixture fixture)
{
    private Task<EvaluationReport> EvaluateAsync(params AnswerToEvaluate[] answers) =>
        new ChallengeEvaluator(fixture.Embedder, ScoringProfile.Reference).EvaluateAsync(TcpChallenge.Request(answers));

    private async Task<double> PromptRelevanceAsync(string answer)
    {
        var vectors = await fixture.Embedder.EmbedAsync([TcpChallenge.Prompt, answer]);
        return VectorMath.Dot(vectors[0], vectors[1]);
    }

    [Fact]
    public async Task No_answers_take_the_no_answers_path_and_pay_nobody()
    {
        var report = await EvaluateAsync();

        Assert.Equal(EvaluationPath.NoAnswers, report.Path);
        Assert.Empty(report.Emissions);
        Assert.Empty(report.Answers);
        Assert.Equal(0.0, report.ConsensusScore);
        Assert.Null(report.BestMinerHotkey);
        Assert.Null(report.Consensus);
        Assert.Null(report.Sybil);
    }

    [Fact]
    public async Task All_test_mode_answers_earn_zero_and_theta_is_zero()
    {
        var report = await EvaluateAsync(
            new AnswerToEvaluate("hk-a", 1, "[TEST MODE] TCP is reliable.", 100),
            new AnswerToEvaluate("hk-b", 2, "  [TEST MODE] UDP is not.", 200));

        Assert.Equal(EvaluationPath.AllTestMode, report.Path);
        Assert.Equal(0.0, report.ConsensusScore);
        Assert.Equal(["hk-a", "hk-b"], report.Emissions.Select(e => e.Hotkey));
        Assert.All(report.Emissions, e => Assert.Equal(0.0, e.Emission));
        Assert.All(report.Answers, a => Assert.True(a.IsTestMode));
        Assert.Null(report.BestMinerHotkey);
    }

    [Fact]
    public async Task One_relevant_answer_earns_one_and_test_mode_answers_beside_it_earn_zero()
    {
        var report = await EvaluateAsync(
            new AnswerToEvaluate("hk-test", 1, "[TEST MODE] This is a test response.", 50),
            new AnswerToEvaluate("hk-real", 2, TcpChallenge.Handshake, 3000));

        Assert.Equal(EvaluationPath.SingleAnswer, report.Path);
        Assert.Equal(1.0, report.ConsensusScore);
        Assert.Equal(1.0, report.EmissionsByHotkey["hk-real"]);
        Assert.Equal(0.0, report.EmissionsByHotkey["hk-test"]);
        Assert.Equal("hk-real", report.BestMinerHotkey);
        Assert.Equal(await PromptRelevanceAsync(TcpChallenge.Handshake), report.Answers[1].PromptRelevance);
        Assert.Null(report.Answers[0].PromptRelevance);
        Assert.Empty(report.SimilarityHotkeys);
    }

    [Fact]
    public async Task One_irrelevant_answer_earns_zero_and_theta_is_zero()
    {
        var relevance = await PromptRelevanceAsync(TcpChallenge.Bananas);
        Assert.True(relevance < 0.20, $"cos(prompt, bananas) = {relevance}; the test needs it below the 0.20 gate");

        var report = await EvaluateAsync(new AnswerToEvaluate("hk-bananas", 7, TcpChallenge.Bananas, 100));

        Assert.Equal(EvaluationPath.SingleAnswer, report.Path);
        Assert.Equal(0.0, report.ConsensusScore);
        Assert.Equal(0.0, Assert.Single(report.Emissions).Emission);
        Assert.Equal(relevance, report.Answers[0].PromptRelevance);
        Assert.Null(report.BestMinerHotkey);
    }

    [Fact]
    public async Task Repeated_hotkeys_and_negative_response_times_are_refused()
    {
        var answers = TcpChallenge.Answers();

        await Assert.ThrowsAsync<ArgumentException>(() => EvaluateAsync(answers[0], answers[1] with { Hotkey = answers[0].Hotkey }));
        await Assert.ThrowsAsync<ArgumentException>(() => EvaluateAsync(answers[0], answers[1] with { Hotkey = answers[0].Hotkey, Text = "[TEST MODE] x" }));
        await Assert.ThrowsAsync<ArgumentException>(() => EvaluateAsync(answers[0], answers[1] with { ResponseTimeMs = -1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => EvaluateAsync(answers[0] with { ResponseTimeMs = double.NaN }));
    }

    [Fact]
    public async Task A_null_text_is_scored_as_an_empty_answer_on_both_paths()
    {
        // Deviation from the reference, which aborts the whole round on a null text (§12, §14.17).
        var single = await EvaluateAsync(new AnswerToEvaluate("hk-null", 3, null, 500));
        var singleEmpty = await EvaluateAsync(new AnswerToEvaluate("hk-null", 3, string.Empty, 500));
        var many = await EvaluateAsync([.. TcpChallenge.Answers().Take(3), new AnswerToEvaluate("hk-null", 3, null, 500)]);
        var manyEmpty = await EvaluateAsync([.. TcpChallenge.Answers().Take(3), new AnswerToEvaluate("hk-null", 3, string.Empty, 500)]);

        Assert.Equal(await PromptRelevanceAsync(string.Empty), single.Answers[0].PromptRelevance);
        Assert.Equal(0.0, single.EmissionsByHotkey["hk-null"]);
        Assert.Equal(EvaluationJson.Write(singleEmpty).ToJsonString(), EvaluationJson.Write(single).ToJsonString());

        Assert.Equal(EvaluationPath.Consensus, many.Path);
        Assert.Equal(0.0, many.Answers[3].Quality!.Quality);
        Assert.False(many.Answers[3].InConsensus);
        Assert.Equal(EvaluationJson.Write(manyEmpty).ToJsonString(), EvaluationJson.Write(many).ToJsonString());
    }
}
