namespace Loosh.Grains.Challenges;

/// <summary>How challenges are worked: from the validator's settings (CHALLENGE_TIMEOUT_SECONDS, TEST_MODE, …).</summary>
public sealed class ChallengePipelineOptions
{
    /// <summary>The subnet whose ValidatorGrain selects miners (NETUID).</summary>
    public int Netuid { get; set; }

    /// <summary>How long answers are collected after dispatch (CHALLENGE_TIMEOUT_SECONDS, reference 60 s).</summary>
    public TimeSpan ChallengeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Miners are called over Fiber (the 1.2.x protocol, push mode) or plain HTTP <c>/inference</c> (the original
    /// protocol, pull mode).
    /// </summary>
    public bool UseFiber { get; set; } = true;

    /// <summary>TEST_MODE: no evaluation; the first answer is forwarded to the Challenge API as the reference does.</summary>
    public bool TestMode { get; set; }

    /// <summary>Render the similarity heatmap and upload it with the batch.</summary>
    public bool HeatmapEnabled { get; set; }

    /// <summary>
    /// Period of the reminder that resumes a challenge after a crash. It fires only if the challenge is not finished by
    /// then, so it must be longer than a normal challenge takes.
    /// </summary>
    public TimeSpan ResumePeriod { get; set; } = TimeSpan.FromMinutes(2);
}
