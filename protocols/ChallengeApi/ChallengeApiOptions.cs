namespace Loosh.Protocols.ChallengeApi;

/// <summary>
/// Where the Challenge API is and how long to wait for it. Timeouts and retry delays follow the reference
/// (protocols.md §1.2–§1.3); the delays are settable so tests need not sleep for real.
/// </summary>
public sealed class ChallengeApiOptions
{
    /// <summary>CHALLENGE_API_URL.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>CHALLENGE_API_KEY: the v0 bearer / api-key credential.</summary>
    public string? ApiKey { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PenaltyReportTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan UploadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bodies larger than this are refused rather than buffered.</summary>
    public int MaxResponseBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Waits between the 4 encrypted batch attempts.</summary>
    public IReadOnlyList<TimeSpan> BatchRetryDelays { get; init; } =
        [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    /// <summary>Waits between the 3 v0 challenge pulls after a transport failure.</summary>
    public IReadOnlyList<TimeSpan> ChallengePullRetryDelays { get; init; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];
}
