using Loosh.Evaluation.Weights;

namespace Loosh.Evaluation.Tests;

/// <summary>MovingAverage.Compute: the reference's per-hotkey EMA over the 24 h window (evaluation.md §9.3).</summary>
public sealed class MovingAverageTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);

    private static EvaluationRecord Row(long id, double hoursAgo, params (string Hotkey, double Emission)[] emissions) =>
        new(id, Now.AddHours(-hoursAgo), emissions.ToDictionary(e => e.Hotkey, e => e.Emission, StringComparer.Ordinal));

    [Fact]
    public void E13_emissions_in_time_order_give_the_reference_value()
    {
        var ema = MovingAverage.Compute([Row(1, 3, ("a", 0.5)), Row(2, 2, ("a", 1.0)), Row(3, 1, ("a", 0.0))], Now);

        Assert.Equal(0.455, ema["a"], 1e-9);
    }

    [Fact]
    public void E13_intermediate_value_after_two_observations()
    {
        var ema = MovingAverage.Compute([Row(1, 3, ("a", 0.5)), Row(2, 2, ("a", 1.0))], Now);

        Assert.Equal(0.65, ema["a"], 1e-9);
    }

    [Fact]
    public void E13_a_miner_seen_once_keeps_its_single_emission()
    {
        var ema = MovingAverage.Compute([Row(1, 23, ("a", 1.0))], Now);

        Assert.Equal(1.0, ema["a"]);
    }

    [Fact]
    public void Out_of_order_rows_are_taken_oldest_first()
    {
        var ema = MovingAverage.Compute([Row(3, 1, ("a", 0.0)), Row(1, 3, ("a", 0.5)), Row(2, 2, ("a", 1.0))], Now);

        Assert.Equal(0.455, ema["a"], 1e-9);
    }

    [Fact]
    public void Rows_stored_at_the_same_instant_are_ordered_by_id()
    {
        var forward = MovingAverage.Compute([Row(1, 1, ("a", 0.0)), Row(2, 1, ("a", 1.0))], Now);
        var backward = MovingAverage.Compute([Row(2, 1, ("a", 1.0)), Row(1, 1, ("a", 0.0))], Now);

        Assert.Equal(0.3, forward["a"], 1e-12);
        Assert.Equal(forward["a"], backward["a"]);
    }

    [Fact]
    public void Rows_outside_the_window_are_ignored_and_the_boundary_is_inside()
    {
        var ema = MovingAverage.Compute(
            [Row(1, 24.001, ("a", 1.0), ("old", 1.0)), Row(2, 24, ("a", 0.2)), Row(3, 1, ("a", 0.4))],
            Now);

        Assert.False(ema.ContainsKey("old"));
        Assert.Equal((0.3 * 0.4) + (0.7 * 0.2), ema["a"], 1e-12);
    }

    [Fact]
    public void Miners_absent_from_a_row_are_not_decayed()
    {
        var ema = MovingAverage.Compute([Row(1, 3, ("a", 1.0), ("b", 0.5)), Row(2, 2, ("b", 0.0)), Row(3, 1, ("b", 0.0))], Now);

        Assert.Equal(1.0, ema["a"]);
        Assert.Equal(0.5 * 0.7 * 0.7, ema["b"], 1e-12);
    }

    [Fact]
    public void No_rows_give_no_averages()
    {
        Assert.Empty(MovingAverage.Compute([], Now));
    }
}
