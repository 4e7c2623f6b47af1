using Loosh.Evaluation.Consensus;
using Loosh.Evaluation.Emissions;
using static Loosh.Evaluation.Tests.Consensus.TestAnswers;

namespace Loosh.Evaluation.Tests.Consensus;

/// <summary>
/// The consensus engine on the worked examples of evaluation.md §13 (E1–E3, E5, E8, E9). Embeddings are Cholesky
/// rows rounded to float, which moves cosines by about 1e-7, so values that pass through them are compared to 1e-6.
/// </summary>
public sealed class ConsensusWorkedExampleTests
{
    private const double Tolerance = 1e-6;

    private static readonly ConsensusSettings Settings = ConsensusSettings.Default;

    [Fact]
    public void E1_word_length_path_keeps_everyone_and_gives_the_spec_scores()
    {
        var answers = Build(E1Gram, [11, 22, 33], words: [10, 20, 40]);

        var result = ConsensusEngine.Evaluate(answers, Settings);

        Assert.Equal(["11", "22", "33"], result.InConsensus);
        Assert.Empty(result.OutOfConsensus);
        Assert.Empty(result.Diagnostics.QualityFiltered);
        Assert.Equal(3, result.Diagnostics.OutlierFactors.Count);
        Assert.Empty(result.Diagnostics.Outliers);
        Assert.Equal(["11", "22", "33"], Assert.Single(result.Diagnostics.Clusters));
        // Plain mean 0.8 and population variance ((0.1)² + 0 + (0.1)²)/3 = 0.02/3.
        Assert.Equal(0.8, result.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(0.02 / 3), result.StandardDeviation, Tolerance);
        Assert.Equal(0.8816497, result.Theta, Tolerance);
        Assert.True(result.ConsensusAchieved);
        Assert.Equal(0.8, result.WeightedScore!.Value, Tolerance);
        // 0.40·base + 0.25·words/40 + 0.15 + 0.10 with base = mean cosine to the other two.
        Assert.Equal(0.40 * 0.85 + 0.25 * 10 / 40 + 0.25, result.IndividualScores["11"], Tolerance);
        Assert.Equal(0.6525, result.IndividualScores["11"], Tolerance);
        Assert.Equal(0.695, result.IndividualScores["22"], Tolerance);
        Assert.Equal(0.80, result.IndividualScores["33"], Tolerance);
        Assert.False(result.Diagnostics.GarbageAlert);
    }

    [Fact]
    public void E1_emissions_from_the_engines_outcome()
    {
        var result = ConsensusEngine.Evaluate(Build(E1Gram, [11, 22, 33], words: [10, 20, 40]), Settings);
        EmissionAnswer[] timed = [new("11", 11, 1000, false), new("22", 22, 2000, false), new("33", 33, 3000, false)];

        var emissions = EmissionCalculator.Compute(timed, result.ToOutcome());

        Assert.Equal(0.8816497, emissions.ConsensusScore, Tolerance);
        Assert.Equal([0.8816497, 0.7053197, 0.5317669], emissions.Emissions.Select(e => e.Emission), (a, b) => Math.Abs(a - b) <= Tolerance);
    }

    [Fact]
    public void E1_qualities_are_ignored_when_semantic_quality_is_off()
    {
        var answers = Build(E1Gram, [11, 22, 33], qualities: [0.1, 0.1, 0.1], words: [10, 20, 40]);

        var result = ConsensusEngine.Evaluate(answers, Settings with { EnableSemanticQuality = false });

        Assert.Equal(["11", "22", "33"], result.InConsensus);
        Assert.Equal(0.8816497, result.Theta, Tolerance);
        Assert.Equal(0.6525, result.IndividualScores["11"], Tolerance);
        Assert.False(result.Diagnostics.GarbageAlert);
    }

    [Fact]
    public void E2_quality_weighted_theta_and_diversity_bonus()
    {
        var result = ConsensusEngine.Evaluate(Build(E1Gram, [1, 2, 3], qualities: [0.8, 0.7, 0.5]), Settings);

        // Pair weights q_i·q_j = 0.56, 0.40, 0.35.
        var mean = (0.56 * 0.9 + 0.40 * 0.8 + 0.35 * 0.7) / 1.31;
        var variance = (0.56 * Math.Pow(0.9 - mean, 2) + 0.40 * Math.Pow(0.8 - mean, 2) + 0.35 * Math.Pow(0.7 - mean, 2)) / 1.31;
        Assert.Equal(["1", "2", "3"], result.InConsensus);
        Assert.Equal(0.816031, result.Mean, Tolerance);
        Assert.Equal(mean, result.Mean, Tolerance);
        Assert.Equal(mean + Math.Sqrt(variance), result.Theta, Tolerance);
        Assert.Equal(0.8978204, result.Theta, Tolerance);
        // R1: 0.40·0.85 + 0.25·0.8 + 0.15 + 0.10 + min(0.15, (1 − 0.85)·(0.8/0.6)·0.15 = 0.03).
        Assert.Equal(0.34 + 0.20 + 0.15 + 0.10 + 0.03, result.IndividualScores["1"], Tolerance);
        Assert.Equal(0.82, result.IndividualScores["1"], Tolerance);
        Assert.Equal(0.78, result.IndividualScores["2"], Tolerance);
        // R3's quality 0.5 is not above 0.6: no diversity bonus.
        Assert.Equal(0.675, result.IndividualScores["3"], Tolerance);
        Assert.False(result.Diagnostics.GarbageAlert);
    }

    [Fact]
    public void E2_simpler_hand_check()
    {
        var result = ConsensusEngine.Evaluate(Build(E1Gram, [1, 2, 3], qualities: [1.0, 1.0, 0.5]), Settings);

        // Weights 1, 0.5, 0.5: μ = (0.9 + 0.4 + 0.35)/2; σ² = (0.075² + 0.5·0.025² + 0.5·0.125²)/2 = 0.006875.
        Assert.Equal(0.825, result.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(0.006875), result.StandardDeviation, Tolerance);
        Assert.Equal(0.0829156, result.StandardDeviation, Tolerance);
        Assert.Equal(0.9079156, result.Theta, Tolerance);
    }

    [Fact]
    public void E3_entity_caps_in_theta_and_individual_scores()
    {
        var entities = new Dictionary<string, MinerEntity>
        {
            ["1"] = new("1.2.3.4", "ck1"),
            ["2"] = new("1.2.3.4", "ck2"),
            ["3"] = new("5.6.7.8", "ck3"),
        };
        var caps = EntityCaps.Compute(["1", "2", "3"], entities);
        double[] weights = [caps["1"], caps["2"], caps["3"]];
        Assert.Equal([0.5, 0.5, 1.0], weights);

        var result = ConsensusEngine.Evaluate(Build(E1Gram, [1, 2, 3], qualities: [0.8, 0.7, 0.5], entityWeights: weights), Settings);

        Assert.Equal(0.8711161, result.Theta, Tolerance);
        // R1: base = (0.5·0.9 + 1·0.8)/1.5, then (0.40·base + 0.2 + 0.15 + 0.10 + 0.03)·0.5.
        Assert.Equal((0.40 * (0.5 * 0.9 + 0.8) / 1.5 + 0.2 + 0.15 + 0.10 + 0.03) * 0.5, result.IndividualScores["1"], Tolerance);
        Assert.Equal(0.4066667, result.IndividualScores["1"], Tolerance);
        Assert.Equal(0.3833333, result.IndividualScores["2"], Tolerance);
        Assert.Equal(0.675, result.IndividualScores["3"], Tolerance);
        Assert.Equal("3", result.IndividualScores.MaxBy(s => s.Value).Key);
    }

    [Fact]
    public void E5_step_3_alone_the_capped_majority_loses_the_vote()
    {
        // X = {A, B, C} on one IP (votes 3 × 1/3 = 1), Y = {D, E} solo (votes 2).
        var gram = Gram.Blocks(3, 2, within: 0.9, between: 0.1);
        var answers = Build(gram, [1, 2, 3, 4, 5], qualities: Repeat(0.8, 5), entityWeights: [1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0, 1.0]);
        var stepThreeAlone = Settings with { MinResponsesForOutlierDetection = 6 };

        var capped = ConsensusEngine.Evaluate(answers, stepThreeAlone);
        var uncapped = ConsensusEngine.Evaluate(answers, stepThreeAlone with { UseEntityCaps = false });

        Assert.Empty(capped.Diagnostics.OutlierFactors);
        Assert.Collection(
            capped.Diagnostics.Clusters,
            x => Assert.Equal(["1", "2", "3"], x),
            y => Assert.Equal(["4", "5"], y));
        Assert.Equal(["4", "5"], capped.InConsensus);
        Assert.Equal(0.9, capped.Theta, Tolerance);
        Assert.Equal(["1", "2", "3"], uncapped.InConsensus);
    }

    [Fact]
    public void E5_full_pipeline_lof_drops_the_tight_pair_before_the_vote()
    {
        var gram = Gram.Blocks(3, 2, within: 0.9, between: 0.1);
        var answers = Build(gram, [1, 2, 3, 4, 5], qualities: Repeat(0.8, 5), entityWeights: [1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0, 1.0]);

        var result = ConsensusEngine.Evaluate(answers, Settings);

        // Within distance √0.2, between √1.8: D's reach distances are both √1.8, so
        // LOF(D) = (lrd(E) + lrd(A))/2 / lrd(D) = (1/√1.8 + 1/√0.2)/2 · √1.8 = (1 + 3)/2 = 2.
        var factors = result.Diagnostics.OutlierFactors;
        Assert.Equal([1.0, 1.0, 1.0, 2.0, 2.0], new[] { factors["1"], factors["2"], factors["3"], factors["4"], factors["5"] }, (a, b) => Math.Abs(a - b) <= Tolerance);
        Assert.Equal(["4", "5"], result.Diagnostics.Outliers);
        Assert.False(result.Diagnostics.GarbageReversal);
        Assert.Equal(["1", "2", "3"], result.InConsensus);
        Assert.Equal(["4", "5"], result.OutOfConsensus);
        Assert.Equal(0.9, result.Theta, Tolerance);
    }

    [Fact]
    public void E5_full_pipeline_four_capped_answers_lose_to_three_solo_ones()
    {
        // X = four answers on one IP (vote 4 × 1/4 = 1), Y = three solo answers (vote 3); nobody is an outlier.
        var gram = Gram.Blocks(4, 3, within: 0.9, between: 0.1);
        double[] weights = [0.25, 0.25, 0.25, 0.25, 1.0, 1.0, 1.0];
        var answers = Build(gram, [1, 2, 3, 4, 5, 6, 7], qualities: Repeat(0.8, 7), entityWeights: weights);

        var capped = ConsensusEngine.Evaluate(answers, Settings);
        var uncapped = ConsensusEngine.Evaluate(answers, Settings with { UseEntityCaps = false });

        Assert.Empty(capped.Diagnostics.Outliers);
        Assert.All(capped.Diagnostics.OutlierFactors.Values, f => Assert.Equal(1.0, f, Tolerance));
        Assert.Equal(["5", "6", "7"], capped.InConsensus);
        Assert.Equal(0.9, capped.Theta, Tolerance);
        Assert.Equal(["1", "2", "3", "4"], uncapped.InConsensus);
    }

    [Fact]
    public void E8_a_worse_far_answer_is_dropped()
    {
        var gram = Gram.Matrix(4, (_, j) => j == 3 ? 0.28 : 0.999);

        var result = ConsensusEngine.Evaluate(Build(gram, [1, 2, 3, 4], qualities: [0.7, 0.7, 0.7, 0.5]), Settings);

        Assert.Equal(["4"], result.Diagnostics.Outliers);
        Assert.False(result.Diagnostics.GarbageReversal);
        Assert.Equal(["1", "2", "3"], result.InConsensus);
        Assert.Equal(0.999, result.Theta, Tolerance);
        Assert.Equal(0.0, result.StandardDeviation, Tolerance);
    }

    [Fact]
    public void E8_a_clearly_better_far_answer_reverses_the_filter_and_kills_the_round()
    {
        var gram = Gram.Matrix(4, (_, j) => j == 3 ? 0.28 : 0.999);

        var result = ConsensusEngine.Evaluate(Build(gram, [1, 2, 3, 4], qualities: [0.5, 0.5, 0.5, 0.9]), Settings);

        // Q_out − Q_in = 0.9 − 0.5 = 0.4 > 0.15: only answer 4 is kept, alone, so θ = 0.
        Assert.Equal(["4"], result.Diagnostics.Outliers);
        Assert.True(result.Diagnostics.GarbageReversal);
        Assert.Equal(["4"], result.InConsensus);
        Assert.Equal(["1", "2", "3"], result.OutOfConsensus);
        Assert.Empty(result.Diagnostics.Clusters);
        Assert.Equal(0.0, result.Theta);
        Assert.False(result.ConsensusAchieved);
        // Alone: 0.25·0.9 + 0.15 + 0.10. Others: 0.30·0.28 + 0.25·(50/50) + 0.15.
        Assert.Equal(0.475, result.IndividualScores["4"], Tolerance);
        Assert.Equal(0.484, result.IndividualScores["1"], Tolerance);
        EmissionAnswer[] timed = [new("1", 1, 500, false), new("2", 2, 600, false), new("3", 3, 700, false), new("4", 4, 800, false)];
        Assert.All(EmissionCalculator.Compute(timed, result.ToOutcome()).Emissions, e => Assert.Equal(0.0, e.Emission));
    }

    /// <summary>
    /// E9 deviates on purpose: the reference keeps the second-listed of two dissimilar answers (the slower, in
    /// nondeterministic completion order); our tie-break keeps the lowest UID in either order. The word counts are
    /// swapped relative to the spec so the non-survivor again has ¾ of the survivor's words and the spec's
    /// individual scores, 0.5 and 0.4275, apply unchanged.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void E9_two_dissimilar_answers_keep_the_lowest_uid_in_either_order(bool reversed)
    {
        var answers = Build(Gram.Matrix(2, (_, _) => 0.3), [1, 2], qualities: [1.0, 1.0], words: [4, 3]);
        if (reversed)
        {
            answers = [answers[1], answers[0]];
        }

        var result = ConsensusEngine.Evaluate(answers, Settings);

        Assert.Equal(["1"], result.InConsensus);
        Assert.Equal(["2"], result.OutOfConsensus);
        Assert.Equal(2, result.Diagnostics.Clusters.Count);
        Assert.Equal(0.0, result.Theta);
        // Survivor alone: 0.25·1.0 + 0.15 + 0.10 (base 0, no diversity bonus without peers).
        Assert.Equal(0.5, result.IndividualScores["1"], Tolerance);
        // Non-survivor: 0.30·0.3 + 0.25·(3/4) + 0.15.
        Assert.Equal(0.4275, result.IndividualScores["2"], Tolerance);
    }
}
