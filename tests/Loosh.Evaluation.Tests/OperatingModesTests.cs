using Loosh.Evaluation.Weights;

namespace Loosh.Evaluation.Tests;

/// <summary>OperatingModes and FreshnessGate: the mode from blocks since the last update and its freshness gate (evaluation.md §9.2, §9.5).</summary>
public sealed class OperatingModesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0L, OperatingMode.Normal)]
    [InlineData(3999L, OperatingMode.Normal)]
    [InlineData(4000L, OperatingMode.Degraded)]
    [InlineData(4499L, OperatingMode.Degraded)]
    [InlineData(4500L, OperatingMode.Emergency)]
    [InlineData(5000L, OperatingMode.Emergency)]
    [InlineData(100000L, OperatingMode.Emergency)]
    public void Mode_follows_the_reference_thresholds(long blocks, OperatingMode expected)
    {
        Assert.Equal(expected, OperatingModes.FromBlocksSinceLastUpdate(blocks));
    }

    [Fact]
    public void Unknown_blocks_mean_normal()
    {
        Assert.Equal(OperatingMode.Normal, OperatingModes.FromBlocksSinceLastUpdate(null));
    }

    [Theory]
    [InlineData(OperatingMode.Normal, 3.0, true)]
    [InlineData(OperatingMode.Normal, 3.0001, false)]
    [InlineData(OperatingMode.Normal, 0.0, true)]
    [InlineData(OperatingMode.Degraded, 3.5, true)]
    [InlineData(OperatingMode.Degraded, 24.0, true)]
    [InlineData(OperatingMode.Degraded, 24.0001, false)]
    [InlineData(OperatingMode.Emergency, 1000.0, true)]
    public void Freshness_depends_on_the_mode(OperatingMode mode, double hoursAgo, bool fresh)
    {
        Assert.Equal(fresh, FreshnessGate.IsFresh(Now.AddHours(-hoursAgo), mode, Now));
    }

    [Theory]
    [InlineData(OperatingMode.Normal, false)]
    [InlineData(OperatingMode.Degraded, false)]
    [InlineData(OperatingMode.Emergency, true)]
    public void A_missing_last_success_is_stale_except_in_emergency(OperatingMode mode, bool fresh)
    {
        Assert.Equal(fresh, FreshnessGate.IsFresh(null, mode, Now));
    }
}
