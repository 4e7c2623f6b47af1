using System.Net;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>What one call returned: a status and body, or a transport failure (with whether it was our timeout).</summary>
internal sealed record ApiResponse(HttpStatusCode? Status, byte[] Body, string? Failure, bool TimedOut)
{
    public static ApiResponse Failed(string failure, bool timedOut = false) => new(null, [], failure, timedOut);

    public bool Is(params HttpStatusCode[] statuses) => Status is { } status && statuses.Contains(status);

    public string Describe() => Status is { } status ? $"HTTP {(int)status}" : Failure!;
}
