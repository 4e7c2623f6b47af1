namespace Loosh.Evaluation.Weights;

/// <summary>
/// Decides whether a miner's availability probe succeeded recently enough for it to keep its score
/// (evaluation.md §9.5), so weight does not go to miners that have gone away.
/// </summary>
public static class FreshnessGate
{
    /// <summary>Maximum probe age in NORMAL mode (reference: <c>WEIGHT_FRESHNESS_HOURS = 3</c>).</summary>
    public static readonly TimeSpan NormalMaxAge = TimeSpan.FromHours(3);

    /// <summary>Maximum probe age in DEGRADED mode (reference: <c>WEIGHT_FRESHNESS_HOURS_DEGRADED = 24</c>).</summary>
    public static readonly TimeSpan DegradedMaxAge = TimeSpan.FromHours(24);

    /// <summary>
    /// True when the miner keeps its score: always in EMERGENCY; otherwise it needs a last success no older than
    /// the mode's maximum age (exactly at the limit is still fresh). No last success at all is stale.
    /// </summary>
    public static bool IsFresh(DateTimeOffset? lastSuccess, OperatingMode mode, DateTimeOffset now)
    {
        if (mode == OperatingMode.Emergency)
        {
            return true;
        }
        var maxAge = mode == OperatingMode.Degraded ? DegradedMaxAge : NormalMaxAge;
        return lastSuccess is { } success && success >= now - maxAge;
    }
}
