using System.Reflection;
using Loosh.GrainInterfaces;

namespace Loosh.ApiGateway.Api;

/// <summary>The body of the health endpoints; the first fields are the reference's.</summary>
internal sealed record HealthReport(
    string ServiceName,
    string Version,
    string Status,
    long QueueSize,
    ProcessingStats? ProcessingStats,
    Implementation Implementation);

internal sealed record ProcessingStats(
    long QueueSize,
    ChallengeMode ChallengeMode,
    long ActiveChallenges,
    int MaxConcurrent,
    int AvailableCapacity,
    int SemaphoreAvailable,
    bool Running);

/// <summary>The body of /stats: the reference's six fields (which it filled with constants), then ours.</summary>
internal sealed record StatsReport(
    long TotalChallenges,
    long SuccessfulResponses,
    long FailedResponses,
    double AverageResponseTimeMs,
    long UptimeSeconds,
    long ActiveMiners,
    bool Running,
    IReadOnlyDictionary<ChallengeStatus, long> ChallengesByStatus,
    long ActiveChallenges,
    long KnownMiners,
    long RegisteredHotkeys,
    DateTimeOffset? LastChallengeAt,
    long ChallengeTicks,
    long WeightsTicks,
    long? LastEpoch);

/// <summary>Which software answers: this project and its version.</summary>
internal sealed record Implementation(string Name, string Version)
{
    public static Implementation Current { get; } = new("loosh-orleans",
        typeof(Implementation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown");
}

/// <summary>How long this process has been running.</summary>
public sealed class Uptime(TimeProvider time)
{
    private readonly DateTimeOffset _processStart = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public TimeSpan Elapsed => time.GetUtcNow() - _processStart;
}
