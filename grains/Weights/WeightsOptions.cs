namespace Loosh.Grains.Weights;

/// <summary>What the freshness gate judges a miner by.</summary>
public enum FreshnessBasis
{
    /// <summary>The last challenge the miner answered: only useful work keeps a miner's weight (evaluation.md §14.6).</summary>
    AnsweredChallenge,

    /// <summary>The last successful availability probe, as the reference does (evaluation.md §9.5).</summary>
    Availability,
}

/// <summary>How the weights epochs run; bound from WEIGHTS_INTERVAL_SECONDS and REMINDER_MINIMUM_PERIOD_SECONDS.</summary>
public sealed class WeightsOptions
{
    /// <summary>The longest wait between two attempts of a failed epoch.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>How long a failed epoch waits before it tries again (and how often a sent extrinsic is checked on).</summary>
    public TimeSpan RetryDelay { get; set; } = MaxRetryDelay;

    /// <summary>How long to wait for set_weights to be included (the reference's SDK call has 120 s).</summary>
    public TimeSpan InclusionTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>What the freshness gate is based on; answered challenges unless configured otherwise in code.</summary>
    public FreshnessBasis Freshness { get; set; } = FreshnessBasis.AnsweredChallenge;

    /// <summary>
    /// A tenth of the epoch, so a failing epoch gets several tries before the next one, but no longer than
    /// <see cref="MaxRetryDelay"/> and no shorter than the reminder service allows.
    /// </summary>
    public static TimeSpan RetryDelayFor(TimeSpan weightsInterval, TimeSpan reminderMinimumPeriod)
    {
        var tenth = weightsInterval / 10;
        return tenth > MaxRetryDelay ? MaxRetryDelay : tenth < reminderMinimumPeriod ? reminderMinimumPeriod : tenth;
    }
}
