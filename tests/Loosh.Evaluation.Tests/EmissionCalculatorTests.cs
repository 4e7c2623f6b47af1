using Loosh.Evaluation.Emissions;

namespace Loosh.Evaluation.Tests;

/// <summary>EmissionCalculator: per-challenge emissions (evaluation.md §6, §12, E1, E6–E9).</summary>
public sealed class EmissionCalculatorTests
{
    private const double Tolerance = 1e-7;

    private static EmissionAnswer Answer(string hotkey, int uid, double ms, bool testMode = false) =>
        new(hotkey, uid, ms, testMode);

    private static ConsensusOutcome Outcome(double theta, string[] inConsensus, Dictionary<string, double>? scores = null) =>
        new(theta, new HashSet<string>(inConsensus), scores ?? []);

    private static double EmissionOf(ChallengeEmissions result, string hotkey) =>
        Assert.Single(result.Emissions, e => e.Hotkey == hotkey).Emission;

    [Fact]
    public void E1_three_answers_in_consensus_with_the_top_scorer_bonus()
    {
        var theta = 0.8 + Math.Sqrt(0.02 / 3);
        EmissionAnswer[] answers = [Answer("11", 11, 1000), Answer("22", 22, 2000), Answer("33", 33, 3000)];
        var scores = new Dictionary<string, double> { ["11"] = 0.6525, ["22"] = 0.695, ["33"] = 0.80 };

        var result = EmissionCalculator.Compute(answers, Outcome(theta, ["11", "22", "33"], scores));

        Assert.Equal(0.8816497, result.ConsensusScore, Tolerance);
        Assert.Equal(["11", "22", "33"], result.Emissions.Select(e => e.Hotkey));
        Assert.Equal(0.8816497, EmissionOf(result, "11"), Tolerance);
        Assert.Equal(0.7053197, EmissionOf(result, "22"), Tolerance);
        Assert.Equal(0.5317669, EmissionOf(result, "33"), Tolerance);
        Assert.Equal("11", result.BestMinerHotkey);
    }

    [Fact]
    public void E1_gap_multiplier()
    {
        Assert.Equal(1.0052498, EmissionCalculator.ScoreDifferenceMultiplier(0.80 - 0.695), Tolerance);
    }

    [Theory]
    [InlineData(0.01, 1.0005000)]
    [InlineData(0.1, 1.0049998)]
    [InlineData(0.5, 1.0249792)]
    [InlineData(1.0, 1.0498340)]
    [InlineData(10.0, 1.3807971)]
    [InlineData(20.0, 1.4820138)]
    [InlineData(0.0, 1.0)]
    [InlineData(-3.0, 1.0)]
    public void E6_score_difference_multiplier(double gap, double expected)
    {
        Assert.Equal(expected, EmissionCalculator.ScoreDifferenceMultiplier(gap), Tolerance);
    }

    [Theory]
    [InlineData(1e3)]
    [InlineData(1e9)]
    [InlineData(double.PositiveInfinity)]
    public void E6_multiplier_never_exceeds_the_cap(double gap)
    {
        var multiplier = EmissionCalculator.ScoreDifferenceMultiplier(gap);

        Assert.True(multiplier <= EmissionCalculator.ScoreDiffMaxMultiplier);
        Assert.Equal(1.5, multiplier, Tolerance);
    }

    [Fact]
    public void E7_a_fast_garbage_answer_out_of_consensus_beats_slow_good_ones()
    {
        EmissionAnswer[] answers = [Answer("garbage", 1, 100), Answer("good1", 2, 5000), Answer("good2", 3, 5000)];

        var result = EmissionCalculator.Compute(answers, Outcome(0.9, ["good1", "good2"]));

        Assert.Equal(0.8910891, EmissionOf(result, "garbage"), Tolerance);
        Assert.Equal(0.5453465, EmissionOf(result, "good1"), Tolerance);
        Assert.Equal(0.5453465, EmissionOf(result, "good2"), Tolerance);
        Assert.Equal("garbage", result.BestMinerHotkey);
    }

    [Fact]
    public void E7_the_top_scorer_multiplier_stays_small()
    {
        EmissionAnswer[] answers = [Answer("garbage", 1, 100), Answer("good1", 2, 5000), Answer("good2", 3, 5000)];
        var scores = new Dictionary<string, double> { ["garbage"] = 0.3, ["good1"] = 0.8, ["good2"] = 0.7 };

        var result = EmissionCalculator.Compute(answers, Outcome(0.9, ["good1", "good2"], scores));

        var multiplier = EmissionCalculator.ScoreDifferenceMultiplier(0.8 - 0.7);
        Assert.Equal(0.5453465 * multiplier, EmissionOf(result, "good1"), Tolerance);
        Assert.Equal(0.5453465, EmissionOf(result, "good2"), Tolerance);
        Assert.True(multiplier <= 1.025);
        Assert.Equal("garbage", result.BestMinerHotkey);
    }

    [Fact]
    public void E8_E9_theta_zero_pays_everybody_zero_and_there_is_no_best_miner()
    {
        EmissionAnswer[] answers = [Answer("1", 1, 800), Answer("2", 2, 1200)];
        var scores = new Dictionary<string, double> { ["1"] = 0.4275, ["2"] = 0.5 };

        var result = EmissionCalculator.Compute(answers, Outcome(0.0, ["2"], scores));

        Assert.All(result.Emissions, e => Assert.Equal(0.0, e.Emission));
        Assert.Equal(0.0, result.ConsensusScore);
        Assert.Null(result.BestMinerHotkey);
    }

    [Fact]
    public void Two_similar_answers_both_get_the_consensus_bonus_and_the_other_ones_time_share()
    {
        EmissionAnswer[] answers = [Answer("a", 1, 1000), Answer("b", 2, 3000)];

        var result = EmissionCalculator.Compute(answers, Outcome(0.85, ["a", "b"]));

        Assert.Equal(0.75 * 0.85 * 1.2, EmissionOf(result, "a"), 12);
        Assert.Equal(0.25 * 0.85 * 1.2, EmissionOf(result, "b"), 12);
        Assert.Equal("a", result.BestMinerHotkey);
    }

    [Fact]
    public void Identical_answers_with_equal_times_get_equal_shares_and_no_score_bonus()
    {
        EmissionAnswer[] answers = [Answer("a", 5, 2000), Answer("b", 3, 2000), Answer("c", 4, 2000)];
        var scores = new Dictionary<string, double> { ["a"] = 0.9, ["b"] = 0.9, ["c"] = 0.9 };

        var result = EmissionCalculator.Compute(answers, Outcome(1.0, ["a", "b", "c"], scores));

        Assert.All(result.Emissions, e => Assert.Equal(1.2 * (2.0 / 3.0), e.Emission, 12));
        Assert.Equal("b", result.BestMinerHotkey);
    }

    [Fact]
    public void Zero_total_time_gives_the_equal_times_share_instead_of_failing()
    {
        EmissionAnswer[] zero = [Answer("a", 1, 0), Answer("b", 2, 0), Answer("c", 3, 0), Answer("d", 4, 0)];
        EmissionAnswer[] equal = [Answer("a", 1, 7), Answer("b", 2, 7), Answer("c", 3, 7), Answer("d", 4, 7)];
        var outcome = Outcome(0.8, ["a", "b"]);

        var fromZero = EmissionCalculator.Compute(zero, outcome);
        var fromEqual = EmissionCalculator.Compute(equal, outcome);

        Assert.Equal(0.75 * 0.8 * 1.2, EmissionOf(fromZero, "a"), 12);
        Assert.Equal(0.75 * 0.8, EmissionOf(fromZero, "c"), 12);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(fromEqual.Emissions[i].Emission, fromZero.Emissions[i].Emission, 12);
        }
        Assert.Equal("a", fromZero.BestMinerHotkey);
    }

    [Fact]
    public void A_tie_at_the_top_of_the_individual_scores_gives_no_multiplier()
    {
        EmissionAnswer[] answers = [Answer("a", 1, 1000), Answer("b", 2, 1000), Answer("c", 3, 2000)];
        var scores = new Dictionary<string, double> { ["a"] = 0.7, ["b"] = 0.7, ["c"] = 0.2 };

        var result = EmissionCalculator.Compute(answers, Outcome(0.9, [], scores));

        Assert.Equal(0.75 * 0.9, EmissionOf(result, "a"), 12);
        Assert.Equal(0.75 * 0.9, EmissionOf(result, "b"), 12);
        Assert.Equal(0.5 * 0.9, EmissionOf(result, "c"), 12);
    }

    [Fact]
    public void A_single_individual_score_gives_no_multiplier()
    {
        EmissionAnswer[] answers = [Answer("a", 1, 1000), Answer("b", 2, 3000)];
        var scores = new Dictionary<string, double> { ["b"] = 1.0 };

        var result = EmissionCalculator.Compute(answers, Outcome(0.5, [], scores));

        Assert.Equal(0.25 * 0.5, EmissionOf(result, "b"), 12);
    }

    [Fact]
    public void The_multiplier_applies_to_the_top_scorer_even_when_out_of_consensus()
    {
        EmissionAnswer[] answers = [Answer("a", 1, 1000), Answer("b", 2, 3000)];
        var scores = new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 10.5 };

        var result = EmissionCalculator.Compute(answers, Outcome(0.5, ["a"], scores));

        Assert.Equal(0.25 * 0.5 * 1.3807971, EmissionOf(result, "b"), Tolerance);
        Assert.Equal(0.75 * 0.5 * 1.2, EmissionOf(result, "a"), 12);
    }

    [Fact]
    public void Test_mode_answers_get_zero_are_listed_last_and_take_no_time_share()
    {
        EmissionAnswer[] answers = [Answer("t", 9, 10, testMode: true), Answer("a", 1, 1000), Answer("b", 2, 3000)];

        var result = EmissionCalculator.Compute(answers, Outcome(1.0, ["a", "b"]));

        Assert.Equal(["a", "b", "t"], result.Emissions.Select(e => e.Hotkey));
        Assert.Equal(0.0, EmissionOf(result, "t"));
        Assert.Equal(0.75 * 1.2, EmissionOf(result, "a"), 12);
        Assert.Equal(0.25 * 1.2, EmissionOf(result, "b"), 12);
    }

    [Fact]
    public void All_test_mode_answers_get_zero_with_theta_zero()
    {
        EmissionAnswer[] answers = [Answer("t1", 1, 10, testMode: true), Answer("t2", 2, 20, testMode: true)];

        var result = EmissionCalculator.Compute(answers, Outcome(0.9, []));

        Assert.Equal(0.0, result.ConsensusScore);
        Assert.Equal([0.0, 0.0], result.Emissions.Select(e => e.Emission));
        Assert.Null(result.BestMinerHotkey);
    }

    [Fact]
    public void No_answers_give_nothing()
    {
        var result = EmissionCalculator.Compute([], Outcome(0.9, []));

        Assert.Equal(0.0, result.ConsensusScore);
        Assert.Empty(result.Emissions);
        Assert.Null(result.BestMinerHotkey);
    }

    [Fact]
    public void Negative_theta_gives_negative_emissions_and_no_best_miner()
    {
        EmissionAnswer[] answers = [Answer("a", 1, 1000), Answer("b", 2, 3000)];

        var result = EmissionCalculator.Compute(answers, Outcome(-0.2, ["a", "b"]));

        Assert.Equal(0.75 * -0.2 * 1.2, EmissionOf(result, "a"), 12);
        Assert.Null(result.BestMinerHotkey);
    }

    [Theory]
    [InlineData(0.2, 1.0)]
    [InlineData(0.65, 1.0)]
    [InlineData(0.1999, 0.0)]
    [InlineData(-0.3, 0.0)]
    public void A_single_answer_gets_one_when_relevant_and_theta_equals_the_emission(double relevance, double expected)
    {
        EmissionAnswer[] answers = [Answer("t", 2, 5, testMode: true), Answer("a", 7, 40000)];

        var result = EmissionCalculator.ComputeSingle(answers, relevance);

        Assert.Equal(expected, result.ConsensusScore);
        Assert.Equal(expected, EmissionOf(result, "a"));
        Assert.Equal(0.0, EmissionOf(result, "t"));
        Assert.Equal(["a", "t"], result.Emissions.Select(e => e.Hotkey));
        Assert.Equal(expected > 0 ? "a" : null, result.BestMinerHotkey);
    }

    [Fact]
    public void The_path_must_match_the_number_of_evaluated_answers()
    {
        EmissionAnswer[] one = [Answer("a", 1, 100), Answer("t", 2, 100, testMode: true)];
        EmissionAnswer[] two = [Answer("a", 1, 100), Answer("b", 2, 100)];

        Assert.Throws<ArgumentException>(() => EmissionCalculator.Compute(one, Outcome(0.9, [])));
        Assert.Throws<ArgumentException>(() => EmissionCalculator.ComputeSingle(two, 0.9));
    }

    [Fact]
    public void Invalid_answers_are_rejected()
    {
        EmissionAnswer[] duplicate = [Answer("a", 1, 100), Answer("a", 2, 100)];
        EmissionAnswer[] negative = [Answer("a", 1, -1), Answer("b", 2, 100)];
        EmissionAnswer[] nan = [Answer("a", 1, double.NaN), Answer("b", 2, 100)];

        Assert.Throws<ArgumentException>(() => EmissionCalculator.Compute(duplicate, Outcome(0.9, [])));
        Assert.Throws<ArgumentException>(() => EmissionCalculator.Compute(negative, Outcome(0.9, [])));
        Assert.Throws<ArgumentException>(() => EmissionCalculator.Compute(nan, Outcome(0.9, [])));
    }

    [Fact]
    public void Best_miner_ties_go_to_the_lowest_uid()
    {
        MinerEmission[] emissions = [new("x", 8, 0.5), new("y", 3, 0.5), new("z", 5, 0.4)];

        Assert.Equal("y", EmissionCalculator.BestMiner(emissions));
    }

    [Fact]
    public void Best_miner_is_null_when_every_emission_is_at_most_zero()
    {
        Assert.Null(EmissionCalculator.BestMiner([new("x", 1, 0.0), new("y", 2, -0.1)]));
        Assert.Null(EmissionCalculator.BestMiner([]));
    }

    [Theory]
    [InlineData("[TEST MODE] hello", true)]
    [InlineData("  \n[TEST MODE]", true)]
    [InlineData("hello [TEST MODE]", false)]
    [InlineData("[test mode] hello", false)]
    [InlineData("", false)]
    public void Test_mode_text_is_recognised_after_trimming(string text, bool expected)
    {
        Assert.Equal(expected, EmissionCalculator.IsTestModeText(text));
    }
}
