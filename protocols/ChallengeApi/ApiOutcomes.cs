using System.Net;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>How a submission ended; a duplicate (HTTP 409) means the Challenge API already holds it.</summary>
public enum DeliveryStatus
{
    Delivered,
    Duplicate,
    Failed,
}

/// <summary>
/// The result of sending something to the Challenge API. Failures are values, not exceptions, because an outage of
/// the central service is an expected condition the caller logs and rides out. <c>Route</c> is "encrypted" (Fiber) or
/// "plaintext" (signed HTTP), whichever gave the final answer.
/// </summary>
public sealed record DeliveryOutcome(DeliveryStatus Status, string Route, HttpStatusCode? StatusCode, string? Reason)
{
    /// <summary>True when the Challenge API holds the data: accepted now or already before.</summary>
    public bool IsDelivered => Status != DeliveryStatus.Failed;
}

/// <summary>A value read from the Challenge API, or why there is none (never an exception for HTTP failures).</summary>
public sealed record ApiResult<T>(T? Value, HttpStatusCode? StatusCode, string? Failure) where T : class
{
    public bool IsOk => Value is not null;
}

/// <summary>
/// The validator set from <c>GET /validators</c>. On failure (503 "DB unavailable", outage, bad body) the previous
/// set is kept, because an empty set would let validators receive challenges and weight.
/// </summary>
public sealed record ValidatorSetResult(IReadOnlySet<string> Validators, bool Refreshed, string? Failure);

/// <summary>The analytics reports a validator sends to the Challenge API on its own schedule (protocols.md §1.7).</summary>
public enum AnalyticsReport
{
    /// <summary><c>POST /analytics/penalty-report</c>: miners whose weight the sybil penalty lowered.</summary>
    Penalties,
    /// <summary><c>POST /analytics/sybil-detection/bulk</c>: suspicious pairs and groups found in challenges.</summary>
    SybilDetections,
    /// <summary><c>POST /analytics/miner-network/bulk</c>: the miners' IPs, ports and coldkeys from the metagraph.</summary>
    MinerNetwork,
}
