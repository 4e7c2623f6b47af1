namespace Loosh.Grains;

/// <summary>The validator's schedule, bound from CHALLENGE_MODE, CHALLENGE_INTERVAL_SECONDS and WEIGHTS_INTERVAL_SECONDS.</summary>
public sealed class ValidatorScheduleOptions
{
    public ChallengeMode ChallengeMode { get; set; } = ChallengeMode.Push;

    /// <summary>How often challenges are fetched in pull mode.</summary>
    public TimeSpan ChallengeInterval { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Length of one weights epoch (the reference sets weights every 72 minutes).</summary>
    public TimeSpan WeightsInterval { get; set; } = TimeSpan.FromSeconds(4320);

    /// <summary>
    /// The first weights run comes this soon after the reminder is first registered (or the interval, if shorter),
    /// as the reference runs its first weight setting 300 s after start.
    /// </summary>
    public TimeSpan FirstWeightsDelay { get; set; } = TimeSpan.FromSeconds(300);
}
