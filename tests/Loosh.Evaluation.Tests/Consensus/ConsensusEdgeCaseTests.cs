using Loosh.Evaluation.Consensus;
using Loosh.Evaluation.Emissions;
using static Loosh.Evaluation.Tests.Consensus.TestAnswers;

namespace Loosh.Evaluation.Tests.Consensus;

/// <summary>The consensus engine on the edge cases of evaluation.md §12, its tie-break rule and its input checks.</summary>
public sealed class ConsensusEdgeCaseTests
{
    private const double Tolerance = 1e-6;

    private static readonly ConsensusSettings Settings = ConsensusSettings.Default;

    [Fact]
    public void Nobody_passing_the_quality_filter_ends_the_round()
    {
        var result = ConsensusEngine.Evaluate(Build(E1Gram, [1, 2, 3], qualities: [0.2, 0.3499, 0.0]), Settings);

        Assert.Equal(0.0, result.Theta);
        Assert.False(result.ConsensusAchieved);
        Assert.Null(result.WeightedScore);
        Assert.Empty(result.InConsensus);
        Assert.Equal(["1", "2", "3"], result.OutOfConsensus);
        Assert.Equal(["1", "2", "3"], result.Diagnostics.QualityFiltered);
        Assert.Empty(result.IndividualScores);
        Assert.Empty(result.Diagnostics.OutlierFactors);
        Assert.Empty(result.Diagnostics.Clusters);
        Assert.False(result.Diagnostics.GarbageAlert);
        var outcome = result.ToOutcome();
        Assert.Equal(0.0, outcome.Theta);
        Assert.Empty(outcome.InConsensus);
    }

    [Fact]
    public void One_survivor_of_the_quality_filter_gives_theta_zero_and_skips_steps_2_and_3()
    {
        var answers = Build(E1Gram, [1, 2, 3], qualities: [0.9, 0.2, 0.3], words: [10, 20, 40]);

        var result = ConsensusEngine.Evaluate(answers, Settings);

        Assert.Equal(["2", "3"], result.Diagnostics.QualityFiltered);
        Assert.Empty(result.Diagnostics.OutlierFactors);
        Assert.Empty(result.Diagnostics.Clusters);
        Assert.Equal(["1"], result.InConsensus);
        Assert.Equal(["2", "3"], result.OutOfConsensus);
        Assert.Equal(0.0, result.Theta);
        Assert.Equal(0.0, result.WeightedScore);
        Assert.Equal(0.25 * 0.9 + 0.15 + 0.10, result.IndividualScores["1"], Tolerance);
        // Non-survivors: 0.30·cos to answer 1 + 0.25·words/40 + 0.15.
        Assert.Equal(0.30 * 0.9 + 0.25 * 20 / 40 + 0.15, result.IndividualScores["2"], Tolerance);
        Assert.Equal(0.30 * 0.8 + 0.25 * 40 / 40 + 0.15, result.IndividualScores["3"], Tolerance);
    }

    [Fact]
    public void A_quality_exactly_at_the_threshold_passes()
    {
        var result = ConsensusEngine.Evaluate(Build(E1Gram, [1, 2, 3], qualities: [0.35, 0.3499, 0.9]), Settings);

        Assert.Equal(["2"], result.Diagnostics.QualityFiltered);
        Assert.Equal(["1", "3"], result.InConsensus);
        Assert.Equal(0.8, result.Theta, Tolerance);
    }

    [Fact]
    public void Identical_answers_are_inliers_in_one_cluster_with_theta_one_and_equal_scores()
    {
        float[] same = [0f, 1f, 0f];
        int[] uids = [4, 9, 2];
        var answers = uids.Select(uid => new ConsensusAnswer($"h{uid}", uid, same, 0.9, null, 30)).ToArray();

        var result = ConsensusEngine.Evaluate(answers, Settings);

        Assert.All(result.Diagnostics.OutlierFactors.Values, f => Assert.Equal(1.0, f));
        Assert.Equal(["h4", "h9", "h2"], result.InConsensus);
        Assert.Equal(1.0, result.Theta);
        Assert.Equal(0.0, result.StandardDeviation);
        // 0.40·1 + 0.25·0.9 + 0.15 + 0.10; uniqueness 0 gives no diversity bonus.
        Assert.All(result.IndividualScores.Values, s => Assert.Equal(0.875, s, 12));
        EmissionAnswer[] timed = [new("h4", 4, 2000, false), new("h9", 9, 2000, false), new("h2", 2, 2000, false)];
        Assert.All(EmissionCalculator.Compute(timed, result.ToOutcome()).Emissions, e => Assert.Equal(1.2 * 2 / 3, e.Emission, 12));
    }

    [Fact]
    public void Two_answers_above_cosine_one_half_are_one_cluster_with_theta_their_cosine()
    {
        var result = ConsensusEngine.Evaluate(Build(Gram.Matrix(2, (_, _) => 0.8), [1, 2], qualities: [0.9, 0.6]), Settings);

        Assert.Equal(["1", "2"], result.InConsensus);
        Assert.Empty(result.Diagnostics.OutlierFactors);
        Assert.Equal(0.8, result.Theta, Tolerance);
        Assert.Equal(0.0, result.StandardDeviation, Tolerance);
        Assert.True(result.ConsensusAchieved);
    }

    [Fact]
    public void Two_answers_at_cosine_one_half_stay_apart_and_one_survives()
    {
        // The Cholesky rows (1, 0) and (0.5, √0.75) have a dot product of exactly 0.5, so D = 0.5 is not below the cut.
        var result = ConsensusEngine.Evaluate(Build(Gram.Matrix(2, (_, _) => 0.5), [7, 3], qualities: [0.9, 0.9]), Settings);

        Assert.Equal(2, result.Diagnostics.Clusters.Count);
        Assert.Equal(["3"], result.InConsensus);
        Assert.Equal(0.0, result.Theta);
    }

    [Fact]
    public void A_dominant_cluster_tie_goes_to_the_higher_mean_quality_before_the_uid()
    {
        var answers = Build(Gram.Matrix(2, (_, _) => 0.3), [1, 2], qualities: [0.8, 0.9]);

        var result = ConsensusEngine.Evaluate(answers, Settings);

        Assert.Equal(["2"], result.InConsensus);
    }

    [Fact]
    public void Without_qualities_a_dominant_cluster_tie_goes_to_the_lowest_uid()
    {
        var answers = Build(Gram.Blocks(2, 2, within: 0.9, between: 0.2), [8, 6, 5, 9]);

        var result = ConsensusEngine.Evaluate(answers, Settings with { MinResponsesForOutlierDetection = 5 });

        // Clusters {8, 6} and {5, 9} tie on the vote (2 each); UID 5 is the lowest.
        Assert.Equal(["5", "9"], result.InConsensus);
    }

    [Fact]
    public void Cluster_votes_that_differ_only_by_rounding_tie()
    {
        // 3 × ⅓ and 1 × 1 are the same vote; the quality then decides, in favour of the single answer.
        var gram = Gram.Blocks(3, 1, within: 0.9, between: 0.2);
        double third = 1.0 / 3;
        var answers = Build(gram, [1, 2, 3, 4], qualities: [0.6, 0.6, 0.6, 0.7], entityWeights: [third, third, third, 1.0]);

        var result = ConsensusEngine.Evaluate(answers, Settings with { MinResponsesForOutlierDetection = 5 });

        Assert.Equal(["4"], result.InConsensus);
    }

    [Fact]
    public void A_low_quality_consensus_raises_the_garbage_alert_without_changing_scores()
    {
        var low = ConsensusEngine.Evaluate(Build(E1Gram, [1, 2, 3], qualities: [0.36, 0.38, 0.40]), Settings);
        var silenced = ConsensusEngine.Evaluate(
            Build(E1Gram, [1, 2, 3], qualities: [0.36, 0.38, 0.40]), Settings with { GarbageClusterThreshold = 0.38 });

        Assert.True(low.Diagnostics.GarbageAlert);
        Assert.False(silenced.Diagnostics.GarbageAlert);
        Assert.Equal(low.Theta, silenced.Theta);
        Assert.Equal(low.InConsensus, silenced.InConsensus);
    }

    [Fact]
    public void Consensus_is_achieved_only_strictly_above_threshold_min()
    {
        var answers = Build(E1Gram, [1, 2, 3], qualities: [0.8, 0.7, 0.5]);
        var theta = ConsensusEngine.Evaluate(answers, Settings).Theta;

        Assert.False(ConsensusEngine.Evaluate(answers, Settings with { ThresholdMin = theta }).ConsensusAchieved);
        Assert.True(ConsensusEngine.Evaluate(answers, Settings with { ThresholdMin = theta - 1e-9 }).ConsensusAchieved);
    }

    [Fact]
    public void No_answers_give_an_empty_result()
    {
        var result = ConsensusEngine.Evaluate([], Settings);

        Assert.Equal(0.0, result.Theta);
        Assert.Empty(result.InConsensus);
        Assert.Empty(result.OutOfConsensus);
        Assert.Empty(result.IndividualScores);
    }

    [Fact]
    public void Invalid_inputs_are_rejected()
    {
        var good = Build(E1Gram, [1, 2, 3], qualities: [0.8, 0.7, 0.5]);
        ConsensusAnswer[] mixedQualities = [good[0], good[1], good[2] with { Quality = null }];
        ConsensusAnswer[] duplicate = [good[0], good[1], good[2] with { Hotkey = "1" }];
        ConsensusAnswer[] shortVector = [good[0], good[1], good[2] with { Embedding = [1f] }];
        ConsensusAnswer[] zeroWeight = [good[0], good[1], good[2] with { EntityWeight = 0.0 }];
        ConsensusAnswer[] nanQuality = [good[0], good[1], good[2] with { Quality = double.NaN }];

        Assert.Throws<ArgumentException>(() => ConsensusEngine.Evaluate(mixedQualities, Settings));
        Assert.Throws<ArgumentException>(() => ConsensusEngine.Evaluate(duplicate, Settings));
        Assert.Throws<ArgumentException>(() => ConsensusEngine.Evaluate(shortVector, Settings));
        Assert.Throws<ArgumentException>(() => ConsensusEngine.Evaluate(zeroWeight, Settings));
        Assert.Throws<ArgumentException>(() => ConsensusEngine.Evaluate(nanQuality, Settings));
    }
}
