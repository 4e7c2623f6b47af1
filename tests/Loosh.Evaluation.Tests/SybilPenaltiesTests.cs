using Loosh.Evaluation.Weights;

namespace Loosh.Evaluation.Tests;

/// <summary>SybilPenalties.Apply: hard and soft tiers, the safety valve and the retention floor (evaluation.md §9.4).</summary>
public sealed class SybilPenaltiesTests
{
    private static ServingMiner[] Miners(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ServingMiner(i, $"m{i:D2}", null))];

    private static Dictionary<string, double> Each(ServingMiner[] miners, double value) =>
        miners.ToDictionary(m => m.Hotkey, _ => value, StringComparer.Ordinal);

    [Fact]
    public void E14_hard_tier_miner_is_cut_to_its_floor_and_low_scores_are_ignored()
    {
        ServingMiner[] miners = [new(1, "A", null), new(2, "B", null), new(3, "C", null), new(4, "D", null)];
        var scores = new Dictionary<string, double> { ["A"] = 0.6, ["B"] = 0.3, ["C"] = 0.12, ["D"] = 0.0 };

        var result = SybilPenalties.Apply(miners, scores, new Dictionary<string, double> { ["B"] = 0.7, ["C"] = 0.05 });

        Assert.Equal(0.6, result.Scores["A"]);
        Assert.Equal(0.09, result.Scores["B"], 1e-9);
        Assert.Equal(0.12, result.Scores["C"]);
        Assert.Equal(0.0, result.Scores["D"]);
        var penalty = Assert.Single(result.Penalties);
        Assert.Equal(new SybilPenalty(2, "B", 0.7, 0.3, result.Scores["B"], PenaltyType.Graduated), penalty);
    }

    [Fact]
    public void E15_safety_valve_keeps_the_three_worst_soft_tier_miners_and_always_the_hard_tier()
    {
        var miners = Miners(10);
        var sybil = new Dictionary<string, double>
        {
            ["m00"] = 0.5,
            ["m01"] = 0.4,
            ["m02"] = 0.3,
            ["m03"] = 0.2,
            ["m04"] = 0.15,
            ["m05"] = 0.95,
        };

        var result = SybilPenalties.Apply(miners, Each(miners, 1.0), sybil);

        Assert.Equal(0.5, result.Scores["m00"], 1e-9);
        Assert.Equal(0.6, result.Scores["m01"], 1e-9);
        Assert.Equal(0.7, result.Scores["m02"], 1e-9);
        Assert.Equal(1.0, result.Scores["m03"]);
        Assert.Equal(1.0, result.Scores["m04"]);
        Assert.Equal(0.2, result.Scores["m05"], 1e-9);
        Assert.Equal([0, 1, 2, 5], result.Penalties.Select(p => p.Uid));
    }

    [Fact]
    public void Every_miner_flagged_in_the_soft_tier_penalises_only_the_valve_limit()
    {
        var miners = Miners(7);
        double[] sybil = [0.2, 0.5, 0.3, 0.59, 0.1, 0.45, 0.25];

        var result = SybilPenalties.Apply(miners, Each(miners, 2.0), miners.ToDictionary(m => m.Hotkey, m => sybil[m.Uid]));

        Assert.Equal([1, 3], result.Penalties.Select(p => p.Uid));
        Assert.Equal(2.0 * 0.41, result.Scores["m03"], 1e-12);
        Assert.Equal(1.0, result.Scores["m01"], 1e-12);
    }

    [Fact]
    public void Every_miner_in_the_hard_tier_is_penalised_whatever_the_valve()
    {
        var miners = Miners(4);

        var result = SybilPenalties.Apply(miners, Each(miners, 1.0), Each(miners, 1.5));

        Assert.Equal(4, result.Penalties.Count);
        Assert.All(miners, m => Assert.Equal(0.2, result.Scores[m.Hotkey], 1e-12));
    }

    [Fact]
    public void A_single_miner_can_still_be_penalised_in_the_soft_tier()
    {
        var miners = Miners(1);

        var result = SybilPenalties.Apply(miners, Each(miners, 1.0), Each(miners, 0.3));

        Assert.Equal(0.7, result.Scores["m00"], 1e-12);
    }

    [Theory]
    [InlineData(0.0999, 1.0)]
    [InlineData(0.1, 0.9)]
    [InlineData(0.5999, 0.4001)]
    [InlineData(0.6, 0.4)]
    [InlineData(0.8, 0.2)]
    [InlineData(0.81, 0.2)]
    public void Threshold_and_floor_values_are_inclusive(double sybil, double expected)
    {
        var miners = Miners(1);

        var result = SybilPenalties.Apply(miners, Each(miners, 1.0), Each(miners, sybil));

        Assert.Equal(expected, result.Scores["m00"], 1e-12);
    }

    [Fact]
    public void Hard_tier_miners_do_not_use_up_the_soft_tier_limit()
    {
        var miners = Miners(3);
        var sybil = new Dictionary<string, double> { ["m00"] = 0.9, ["m01"] = 0.3, ["m02"] = 0.2 };

        var result = SybilPenalties.Apply(miners, Each(miners, 1.0), sybil);

        Assert.Equal([0, 1], result.Penalties.Select(p => p.Uid));
    }

    [Fact]
    public void Zero_scores_are_not_candidates_and_do_not_use_up_the_limit()
    {
        var miners = Miners(3);
        var scores = new Dictionary<string, double> { ["m00"] = 0.0, ["m01"] = 1.0, ["m02"] = 1.0 };
        var sybil = new Dictionary<string, double> { ["m00"] = 0.5, ["m01"] = 0.3, ["m02"] = 0.2 };

        var result = SybilPenalties.Apply(miners, scores, sybil);

        Assert.Equal(1, Assert.Single(result.Penalties).Uid);
    }

    [Fact]
    public void Soft_tier_ties_are_broken_by_hotkey_whatever_the_input_order()
    {
        var miners = Miners(3);
        var reversed = miners.Reverse().ToArray();

        var forward = SybilPenalties.Apply(miners, Each(miners, 1.0), Each(miners, 0.3));
        var backward = SybilPenalties.Apply(reversed, Each(miners, 1.0), Each(miners, 0.3));

        Assert.Equal(0, Assert.Single(forward.Penalties).Uid);
        Assert.Equal(forward.Penalties, backward.Penalties);
    }

    [Fact]
    public void No_sybil_scores_change_nothing()
    {
        var miners = Miners(2);

        var result = SybilPenalties.Apply(miners, Each(miners, 0.5), new Dictionary<string, double>());

        Assert.Empty(result.Penalties);
        Assert.Equal(Each(miners, 0.5), result.Scores);
    }
}
