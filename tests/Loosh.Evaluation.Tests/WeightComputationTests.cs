using Loosh.Evaluation.Weights;

namespace Loosh.Evaluation.Tests;

/// <summary>WeightVector.Build and WeightComputation.Compute: one whole weight run (evaluation.md §9.2, E14).</summary>
public sealed class WeightComputationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Fresh = Now.AddHours(-1);

    private static EvaluationRecord Row(long id, double hoursAgo, IReadOnlyDictionary<string, double> emissions) =>
        new(id, Now.AddHours(-hoursAgo), emissions);

    private static WeightInputs Inputs(
        ServingMiner[] serving,
        IReadOnlyDictionary<string, double> emissions,
        long? blocks = 100,
        IReadOnlyDictionary<string, double>? sybil = null) =>
        new(Now, blocks, 100, serving, [Row(1, 2, emissions)], sybil);

    private static ServingMiner[] E14Miners =>
        [new(1, "A", Fresh), new(2, "B", Fresh), new(3, "C", Fresh), new(4, "D", Now.AddHours(-4))];

    private static Dictionary<string, double> E14Emas => new() { ["A"] = 0.6, ["B"] = 0.3, ["C"] = 0.12, ["D"] = 0.4 };

    private static Dictionary<string, double> E14Sybil => new() { ["B"] = 0.7, ["C"] = 0.05 };

    [Fact]
    public void E14_weight_pipeline_gives_the_reference_weights()
    {
        var decision = WeightComputation.Compute(Inputs(E14Miners, E14Emas, sybil: E14Sybil));

        Assert.False(decision.IsSkip);
        Assert.Equal(OperatingMode.Normal, decision.Mode);
        Assert.Equal([1, 2, 3, 4], decision.Weights.Select(w => w.Uid));
        double[] expected = [0.6 / 0.81, 0.09 / 0.81, 0.12 / 0.81, 0.0];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], decision.Weights[i].Weight, 1e-9);
        }
        Assert.Equal(0.740741, decision.Weights[0].Weight, 1e-6);
        Assert.Equal(0.111111, decision.Weights[1].Weight, 1e-6);
        Assert.Equal(0.148148, decision.Weights[2].Weight, 1e-6);
        var penalty = Assert.Single(decision.Penalties);
        Assert.Equal((2, "B", PenaltyType.Graduated), (penalty.Uid, penalty.Hotkey, penalty.Type));
        Assert.Equal(0.09, penalty.ScoreAfter, 1e-9);
    }

    [Fact]
    public void The_result_does_not_depend_on_input_order()
    {
        var shuffled = E14Miners.Reverse().ToArray();
        var forward = WeightComputation.Compute(Inputs(E14Miners, E14Emas, sybil: E14Sybil));
        var backward = WeightComputation.Compute(Inputs(shuffled, E14Emas, sybil: E14Sybil));

        Assert.Equal(forward.Weights, backward.Weights);
        Assert.Equal(forward.Penalties, backward.Penalties);
    }

    [Fact]
    public void The_stale_miner_keeps_its_score_in_degraded_mode()
    {
        var decision = WeightComputation.Compute(Inputs(E14Miners, E14Emas, blocks: 4000));

        Assert.Equal(OperatingMode.Degraded, decision.Mode);
        Assert.Equal(0.4 / 1.42, decision.Weights[3].Weight, 1e-9);
    }

    [Fact]
    public void Emergency_applies_no_freshness_gate()
    {
        ServingMiner[] miners = [new(1, "A", null), new(2, "B", Now.AddDays(-10))];

        var decision = WeightComputation.Compute(Inputs(miners, new Dictionary<string, double> { ["A"] = 1.0, ["B"] = 3.0 }, blocks: 4500));

        Assert.Equal(OperatingMode.Emergency, decision.Mode);
        Assert.Equal([0.25, 0.75], decision.Weights.Select(w => w.Weight));
    }

    [Fact]
    public void No_sybil_scores_means_no_penalty()
    {
        var decision = WeightComputation.Compute(Inputs(E14Miners, E14Emas));

        Assert.Empty(decision.Penalties);
        Assert.Equal(0.3 / 1.02, decision.Weights[1].Weight, 1e-9);
    }

    [Theory]
    [InlineData(100L, OperatingMode.Normal)]
    [InlineData(4000L, OperatingMode.Degraded)]
    public void All_zero_scores_skip_outside_emergency(long blocks, OperatingMode mode)
    {
        ServingMiner[] miners = [new(1, "A", Fresh), new(2, "B", null)];

        var decision = WeightComputation.Compute(Inputs(miners, new Dictionary<string, double> { ["A"] = 0.0, ["B"] = 1.0 }, blocks));

        Assert.True(decision.IsSkip);
        Assert.Equal(WeightSkipReason.AllScoresZero, decision.SkipReason);
        Assert.Equal(mode, decision.Mode);
        Assert.Empty(decision.Weights);
    }

    [Fact]
    public void All_zero_scores_in_emergency_give_uniform_weights()
    {
        ServingMiner[] miners = [new(5, "A", null), new(2, "B", null), new(9, "C", null)];

        var decision = WeightComputation.Compute(Inputs(miners, new Dictionary<string, double>(), blocks: 4999));

        Assert.Equal([2, 5, 9], decision.Weights.Select(w => w.Uid));
        Assert.All(decision.Weights, w => Assert.Equal(1.0 / 3, w.Weight));
    }

    [Fact]
    public void No_serving_miners_skip_in_every_mode()
    {
        var decision = WeightComputation.Compute(Inputs([], new Dictionary<string, double> { ["A"] = 1.0 }, blocks: 4500));

        Assert.Equal(WeightSkipReason.NoServingMiners, decision.SkipReason);
    }

    [Fact]
    public void A_single_miner_gets_all_the_weight()
    {
        var decision = WeightComputation.Compute(Inputs([new(7, "A", Fresh)], new Dictionary<string, double> { ["A"] = 0.02, ["gone"] = 5.0 }));

        Assert.Equal([new UidWeight(7, 1.0)], decision.Weights);
    }

    [Theory]
    [InlineData(99L, true)]
    [InlineData(100L, false)]
    [InlineData(null, false)]
    public void Fewer_blocks_than_the_rate_limit_skip(long? blocks, bool skipped)
    {
        var decision = WeightComputation.Compute(Inputs(E14Miners, E14Emas, blocks));

        Assert.Equal(skipped ? WeightSkipReason.RateLimited : null, decision.SkipReason);
    }

    [Fact]
    public void Evaluations_outside_the_window_do_not_count()
    {
        var inputs = new WeightInputs(
            Now, 100, 100, [new(1, "A", Fresh), new(2, "B", Fresh)],
            [Row(1, 25, new Dictionary<string, double> { ["A"] = 1.0 }), Row(2, 1, new Dictionary<string, double> { ["B"] = 1.0 })],
            null);

        var decision = WeightComputation.Compute(inputs);

        Assert.Equal([0.0, 1.0], decision.Weights.Select(w => w.Weight));
    }

    [Fact]
    public void Duplicate_uids_or_hotkeys_are_an_argument_error()
    {
        var emissions = new Dictionary<string, double> { ["A"] = 1.0 };

        Assert.Throws<ArgumentException>(() => WeightComputation.Compute(Inputs([new(1, "A", Fresh), new(1, "B", Fresh)], emissions)));
        Assert.Throws<ArgumentException>(() => WeightComputation.Compute(Inputs([new(1, "A", Fresh), new(2, "A", Fresh)], emissions)));
    }

    [Fact]
    public void Build_returns_null_for_no_miners_even_in_emergency()
    {
        Assert.Null(WeightVector.Build([], new Dictionary<string, double>(), OperatingMode.Emergency));
    }
}
