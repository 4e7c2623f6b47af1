namespace Loosh.Protocols.Miners;

/// <summary>
/// Limits that keep one slow or hostile miner from costing the validator time or memory. Defaults follow the
/// reference's operational constants (protocols.md §2.4, §2.5) where it has them.
/// </summary>
public sealed record MinerClientOptions
{
    /// <summary>Our own hotkey (SS58), sent as <c>validator-hotkey</c>; the v0 reference wrongly sent the miner's.</summary>
    public required string ValidatorHotkey { get; init; }

    /// <summary>Deadline from dispatch to the full reply (the reference's CHALLENGE_TIMEOUT_SECONDS).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan AvailabilityTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Pause before the single availability retry after a connection failure or timeout.</summary>
    public TimeSpan AvailabilityRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A reply body longer than this is cut off and the call fails, so memory per call stays bounded.</summary>
    public int MaxResponseBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Inference calls in flight at once across all miners (15 challenges × 7 miners in the reference).</summary>
    public int MaxConcurrentRequests { get; init; } = 105;

    /// <summary>Consecutive failures of one miner endpoint that open its breaker.</summary>
    public int BreakerFailureThreshold { get; init; } = 5;

    /// <summary>How long an open breaker rejects calls before one trial call is let through.</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Window in which the threshold's failures must fall, with no success in between.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromMinutes(5);
}
