using Loosh.Evaluation.Scoring;
using Loosh.Evaluation.Tests.Embeddings;

namespace Loosh.Evaluation.Tests.Scoring;

/// <summary>
/// The evaluator's promises beyond the formulas: the same request gives the same report, every distinct text is
/// embedded once per evaluation, and evaluations sharing one embedder do not disturb each other.
/// </summary>
[Collection(SharedEmbedder.Name)]
public sealed class ChallengeEvaluatorDeterminismTests(EmbedderFixture fixture)
{
    private Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, ScoringProfile? profile = null) =>
        new ChallengeEvaluator(fixture.Embedder, profile ?? ScoringProfile.Reference).EvaluateAsync(request);

    private static string Json(EvaluationReport report) => EvaluationJson.Write(report).ToJsonString();

    [Fact]
    public async Task The_same_request_twice_gives_bitwise_identical_reports()
    {
        var request = TcpChallenge.Request(TcpChallenge.Answers());

        var first = await EvaluateAsync(request);
        var second = await EvaluateAsync(request);

        Assert.Equal(first.Emissions, second.Emissions);
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.ConsensusScore), BitConverter.DoubleToInt64Bits(second.ConsensusScore));
        Assert.Equal(Json(first), Json(second));
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("quality-gated")]
    public async Task Answers_in_another_order_give_the_same_emissions_per_hotkey(string profileName)
    {
        var profile = ScoringProfile.Parse(profileName);
        var answers = TcpChallenge.Answers();
        int[] shuffle = [3, 5, 0, 4, 2, 1];

        var inOrder = await EvaluateAsync(TcpChallenge.Request(answers), profile);
        var shuffled = await EvaluateAsync(TcpChallenge.Request([.. shuffle.Select(i => answers[i])]), profile);

        // Not bitwise: θ's weighted sums over survivor pairs and the LOF/cluster averages add the same terms in
        // another order, and floating-point addition is not associative, so the last bits may differ.
        Assert.Equal(inOrder.ConsensusScore, shuffled.ConsensusScore, 1e-12);
        Assert.Equal(inOrder.EmissionsByHotkey.Keys.Order(), shuffled.EmissionsByHotkey.Keys.Order());
        Assert.All(inOrder.EmissionsByHotkey, e => Assert.Equal(e.Value, shuffled.EmissionsByHotkey[e.Key], 1e-12));
        Assert.Equal(inOrder.Consensus!.InConsensus.Order(), shuffled.Consensus!.InConsensus.Order());
        Assert.Equal(inOrder.BestMinerHotkey, shuffled.BestMinerHotkey);
    }

    [Fact]
    public async Task Every_distinct_text_is_embedded_exactly_once_per_evaluation()
    {
        var counting = new CountingEmbedder(fixture.Embedder);
        var answers = TcpChallenge.Answers();

        await new ChallengeEvaluator(counting, ScoringProfile.Reference).EvaluateAsync(TcpChallenge.Request(answers));

        Assert.Single(counting.Calls);
        Assert.All(counting.TimesSent, sent => Assert.Equal(1, sent.Value));
        Assert.Contains(TcpChallenge.Prompt, counting.TimesSent.Keys);
        Assert.All(answers, a => Assert.Contains(a.Text!, counting.TimesSent.Keys));
        // Sentences are embedded too (coherence, sentence relevance, trajectories), so the batch is larger than the answers.
        Assert.Contains("The User Datagram Protocol gives applications direct access to IP datagrams with only a checksum and port numbers; it keeps no connection state.",
            counting.TimesSent.Keys);
    }

    [Fact]
    public async Task Two_identical_answers_cost_one_embedding()
    {
        var alone = new CountingEmbedder(fixture.Embedder);
        var twice = new CountingEmbedder(fixture.Embedder);
        AnswerToEvaluate[] answers = [new("hk-a", 1, TcpChallenge.Handshake, 1000), new("hk-c", 3, TcpChallenge.Headers, 1200)];

        await new ChallengeEvaluator(alone, ScoringProfile.Reference).EvaluateAsync(TcpChallenge.Request(answers));
        var report = await new ChallengeEvaluator(twice, ScoringProfile.Reference)
            .EvaluateAsync(TcpChallenge.Request([.. answers, new("hk-b", 2, TcpChallenge.Handshake, 1100)]));

        Assert.Equal(1, twice.TimesSent[TcpChallenge.Handshake]);
        Assert.Equal(alone.TimesSent.Keys.Order(), twice.TimesSent.Keys.Order());
        Assert.Equal(1.0, report.Similarities[0, 2], 1e-6);
    }

    [Fact]
    public async Task Eight_evaluations_in_parallel_on_one_embedder_give_the_sequential_reports()
    {
        var answers = TcpChallenge.Answers();
        // Eight different challenges: each drops one answer and rotates the rest, half under each profile.
        var requests = Enumerable.Range(0, 8).Select(n =>
        {
            var kept = answers.Where((_, i) => i != n % answers.Length).ToArray();
            var rotated = kept.Skip(n % kept.Length).Concat(kept.Take(n % kept.Length));
            return (Request: new EvaluationRequest($"challenge-{n}", TcpChallenge.Prompt, [.. rotated]),
                    Profile: n % 2 == 0 ? ScoringProfile.Reference : ScoringProfile.QualityGated);
        }).ToArray();

        var sequential = new List<string>();
        foreach (var (request, profile) in requests)
        {
            sequential.Add(Json(await EvaluateAsync(request, profile)));
        }
        var parallel = await Task.WhenAll(requests.Select(r => Task.Run(() => EvaluateAsync(r.Request, r.Profile))));

        Assert.Equal(sequential, parallel.Select(Json));
        Assert.Equal(8, sequential.Distinct(StringComparer.Ordinal).Count());
    }
}
