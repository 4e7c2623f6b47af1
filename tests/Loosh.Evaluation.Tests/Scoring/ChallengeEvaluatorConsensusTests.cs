using Loosh.Evaluation.Consensus;
using Loosh.Evaluation.Emissions;
using Loosh.Evaluation.Scoring;
using Loosh.Evaluation.Tests.Embeddings;

namespace Loosh.Evaluation.Tests.Scoring;

/// <summary>
/// The consensus path (quality → consensus → emissions, evaluation.md §3–§6) on real answers with the bundled model,
/// under the reference profile and the opt-in "quality-gated" one (§14.1, §14.2).
/// </summary>
[Collection(SharedEmbedder.Name)]
public sealed class ChallengeEvaluatorConsensusTests(EmbedderFixture fixture)
{
    private const string Bananas = "hk-bananas";

    private Task<EvaluationReport> EvaluateAsync(ScoringProfile profile, params AnswerToEvaluate[] answers) =>
        new ChallengeEvaluator(fixture.Embedder, profile).EvaluateAsync(TcpChallenge.Request(answers));

    [Fact]
    public async Task Off_topic_answer_is_filtered_yet_earns_its_speed_share_and_wins_under_the_reference_profile()
    {
        var answers = TcpChallenge.Answers();
        var report = await EvaluateAsync(ScoringProfile.Reference, answers);

        var consensus = report.Consensus!;
        Assert.Equal(EvaluationPath.Consensus, report.Path);
        Assert.Equal([Bananas], consensus.Diagnostics.QualityFiltered);
        Assert.Equal([Bananas], consensus.OutOfConsensus);
        Assert.Equal(0.0, report.Answers.Single(a => a.Hotkey == Bananas).Quality!.Quality);
        // E7 (§14.1): out of consensus, so no ×1.2, but the full (1 − t/T)·θ; not the top individual score, so no ×M.
        var total = answers.Sum(a => a.ResponseTimeMs);
        Assert.NotEqual(Bananas, consensus.IndividualScores.MaxBy(s => s.Value).Key);
        Assert.Equal((1.0 - (100 / total)) * report.ConsensusScore, report.EmissionsByHotkey[Bananas]);
        Assert.Equal(Bananas, report.BestMinerHotkey);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("quality-gated")]
    public async Task Emissions_are_the_emission_calculators_for_the_reported_consensus(string profileName)
    {
        var answers = TcpChallenge.Answers();
        var profile = ScoringProfile.Parse(profileName);
        var report = await EvaluateAsync(profile, answers);

        var outcome = report.Consensus!.ToOutcome();
        var computed = EmissionCalculator.Compute(TcpChallenge.EmissionAnswers(answers), outcome);
        Assert.Equal(report.Consensus.Theta, report.ConsensusScore);
        if (!profile.QualityGatedEmissions)
        {
            Assert.Equal(computed.Emissions, report.Emissions);
            Assert.Equal(computed.BestMinerHotkey, report.BestMinerHotkey);
        }
        else
        {
            // The gate multiplies each calculator emission by the answer's own quality (§14.1).
            Assert.All(report.Answers, a => Assert.Equal(
                computed.Emissions.Single(e => e.Hotkey == a.Hotkey).Emission * GateFactor(a.Quality!.Quality), a.Emission));
        }
    }

    [Fact]
    public async Task Quality_gate_pays_the_off_topic_answer_nothing_and_scales_every_other_emission_by_quality()
    {
        // The gate alone, on top of the reference: "quality-gated" also normalises the quality weights, which changes
        // every quality and with it θ (quality-weighted pairs, §4 step 5), so its emissions are not the reference's
        // times quality; this profile isolates the gate so that they must be.
        var gateOnly = ScoringProfile.Reference with { Name = "gate-only", QualityGatedEmissions = true };
        var answers = TcpChallenge.Answers();
        var reference = await EvaluateAsync(ScoringProfile.Reference, answers);
        var gated = await EvaluateAsync(gateOnly, answers);

        Assert.Equal(reference.ConsensusScore, gated.ConsensusScore);
        Assert.Equal(0.0, gated.EmissionsByHotkey[Bananas]);
        Assert.True(reference.EmissionsByHotkey[Bananas] > 0);
        foreach (var answer in gated.Answers.Where(a => a.Hotkey != Bananas))
        {
            Assert.Equal(reference.EmissionsByHotkey[answer.Hotkey] * answer.Quality!.Quality, answer.Emission);
        }
        Assert.Equal(gated.Emissions.MaxBy(e => e.Emission)!.Hotkey, gated.BestMinerHotkey);
        Assert.NotEqual(Bananas, gated.BestMinerHotkey);
    }

    [Fact]
    public async Task Quality_gated_profile_pays_the_off_topic_answer_nothing()
    {
        var report = await EvaluateAsync(ScoringProfile.QualityGated, TcpChallenge.Answers());

        Assert.Equal([Bananas], report.Consensus!.Diagnostics.QualityFiltered);
        Assert.Equal(0.0, report.EmissionsByHotkey[Bananas]);
        Assert.All(report.Answers.Where(a => a.Hotkey != Bananas), a => Assert.True(a.Emission > 0));
        Assert.NotEqual(Bananas, report.BestMinerHotkey);
    }

    [Fact]
    public async Task A_lone_survivor_pays_nobody_under_the_reference_and_sets_theta_to_its_quality_under_quality_gated()
    {
        // The off-topic answer fails the quality filter, so exactly one answer survives (§12, §14.2).
        AnswerToEvaluate[] answers = [new("hk-handshake", 11, TcpChallenge.Handshake, 1000), new(Bananas, 66, TcpChallenge.Bananas, 900)];

        var reference = await EvaluateAsync(ScoringProfile.Reference, answers);
        var gated = await EvaluateAsync(ScoringProfile.QualityGated, answers);

        Assert.Equal(["hk-handshake"], reference.Consensus!.InConsensus);
        Assert.Equal(0.0, reference.ConsensusScore);
        Assert.All(reference.Emissions, e => Assert.Equal(0.0, e.Emission));
        Assert.Null(reference.BestMinerHotkey);

        Assert.Equal(["hk-handshake"], gated.Consensus!.InConsensus);
        var quality = gated.Answers[0].Quality!.Quality;
        Assert.True(quality >= ConsensusSettings.Default.QualityThreshold);
        Assert.Equal(quality, gated.ConsensusScore);
        var ungated = EmissionCalculator.Compute(TcpChallenge.EmissionAnswers(answers), gated.Consensus.ToOutcome() with { Theta = quality });
        Assert.Equal(ungated.Emissions[0].Emission * quality, gated.EmissionsByHotkey["hk-handshake"]);
        Assert.True(gated.EmissionsByHotkey["hk-handshake"] > 0);
        Assert.Equal(0.0, gated.EmissionsByHotkey[Bananas]);
        Assert.Equal("hk-handshake", gated.BestMinerHotkey);
    }

    [Fact]
    public async Task Two_good_but_dissimilar_answers_leave_one_survivor_and_only_quality_gated_pays_it()
    {
        // Both answers are on topic and pass the quality filter, but their cosine is at most 0.5, so step 3 makes two
        // singleton clusters and keeps one (§4 step 3, E9): θ = 0 in the reference, the survivor's quality with §14.2.
        const string prompt = "What is a good way to spend a rainy weekend at home?";
        AnswerToEvaluate[] answers =
        [
            new("hk-declutter", 1, "Use a rainy weekend at home to deep-clean and declutter. Sort the wardrobe, donate what you no longer wear " +
                "and reorganise the kitchen cupboards; the house feels new on Monday.", 1000),
            new("hk-games", 2, "Play board games with family at home during a rainy weekend. A long strategy game or a jigsaw puzzle keeps " +
                "everyone together and off their screens while it pours outside.", 1200),
        ];
        var request = new EvaluationRequest("rainy-weekend", prompt, answers);

        var reference = await new ChallengeEvaluator(fixture.Embedder, ScoringProfile.Reference).EvaluateAsync(request);
        var gated = await new ChallengeEvaluator(fixture.Embedder, ScoringProfile.QualityGated).EvaluateAsync(request);

        Assert.True(reference.Similarities[0, 1] <= 0.5, $"cos = {reference.Similarities[0, 1]}; the test needs two clusters");
        foreach (var report in new[] { reference, gated })
        {
            Assert.Empty(report.Consensus!.Diagnostics.QualityFiltered);
            Assert.Equal(2, report.Consensus.Diagnostics.Clusters.Count);
            Assert.Single(report.Consensus.InConsensus);
        }
        Assert.Equal(0.0, reference.ConsensusScore);
        Assert.All(reference.Emissions, e => Assert.Equal(0.0, e.Emission));
        Assert.Null(reference.BestMinerHotkey);

        var survivor = gated.Answers.Single(a => a.InConsensus);
        Assert.Equal(survivor.Quality!.Quality, gated.ConsensusScore);
        Assert.All(gated.Emissions, e => Assert.True(e.Emission > 0, $"{e.Hotkey} earned {e.Emission}"));
    }

    [Fact]
    public async Task Two_answers_on_one_ip_share_one_vote_so_their_close_pair_counts_less_in_theta()
    {
        var answers = TcpChallenge.Answers();
        var onOneIp = answers.Select((a, i) => i < 2 ? a with { Ip = "203.0.113.9" } : a with { Ip = $"198.51.100.{i}" }).ToArray();

        var separate = await EvaluateAsync(ScoringProfile.Reference, answers);
        var capped = await EvaluateAsync(ScoringProfile.Reference, onOneIp);

        // The first two answers are the most alike pair (both "handshake, acknowledgements, latency" texts). Sharing an
        // IP gives each entity weight 1/2 (§4.3), so that pair's θ weight q·q·e·e drops to 1/4 and their pairs with the
        // others to 1/2: the mean similarity, and θ, fall. Membership stays: all five on-topic answers form one cluster.
        var similarities = separate.Similarities;
        var hotkeys = separate.SimilarityHotkeys;
        var closest = Enumerable.Range(0, hotkeys.Count).SelectMany(i => Enumerable.Range(i + 1, hotkeys.Count - i - 1).Select(j => (i, j)))
            .Where(p => hotkeys[p.i] != Bananas && hotkeys[p.j] != Bananas)
            .MaxBy(p => similarities[p.i, p.j]);
        Assert.Equal((0, 1), closest);
        Assert.Equal(separate.Consensus!.InConsensus, capped.Consensus!.InConsensus);
        Assert.True(capped.Consensus.Mean < separate.Consensus.Mean, $"{capped.Consensus.Mean} vs {separate.Consensus.Mean}");
        Assert.True(capped.ConsensusScore < separate.ConsensusScore, $"{capped.ConsensusScore} vs {separate.ConsensusScore}");
        Assert.Equal(WeightedMeanSimilarity(capped, entityWeight: h => h is "hk-handshake" or "hk-reliability" ? 0.5 : 1.0), capped.Consensus.Mean, 1e-12);
        Assert.Equal(WeightedMeanSimilarity(separate, entityWeight: _ => 1.0), separate.Consensus.Mean, 1e-12);
    }

    /// <summary>μ of §4 step 5 recomputed from the report: survivor pairs weighted by q_i·q_j·e_i·e_j.</summary>
    private static double WeightedMeanSimilarity(EvaluationReport report, Func<string, double> entityWeight)
    {
        var hotkeys = report.SimilarityHotkeys;
        var quality = report.Answers.ToDictionary(a => a.Hotkey, a => a.Quality!.Quality);
        var survivors = Enumerable.Range(0, hotkeys.Count).Where(i => report.Consensus!.InConsensus.Contains(hotkeys[i])).ToArray();
        double weighted = 0, weights = 0;
        foreach (var i in survivors)
        {
            foreach (var j in survivors.Where(j => j > i))
            {
                var w = quality[hotkeys[i]] * quality[hotkeys[j]] * entityWeight(hotkeys[i]) * entityWeight(hotkeys[j]);
                weighted += w * report.Similarities[i, j];
                weights += w;
            }
        }
        return weighted / weights;
    }

    private static double GateFactor(double quality) => quality >= ConsensusSettings.Default.QualityThreshold ? quality : 0.0;
}
