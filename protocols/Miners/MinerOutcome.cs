namespace Loosh.Protocols.Miners;

/// <summary>Why a miner call produced no answer; each kind is a bounded, expected misbehaviour, never an exception.</summary>
public enum MinerFailureKind
{
    HttpStatus,
    RateLimited,
    Oversize,
    MalformedJson,
    MissingResponseText,
    BreakerOpen,
    ConnectionFailed,
    Overloaded,
}

/// <summary>
/// The result of one miner call. Miners are untrusted, so everything they can do wrong is a value here and the
/// caller never needs a try/catch; <see cref="Elapsed"/> runs from dispatch (handshake included) to the full reply.
/// </summary>
public abstract record MinerOutcome(TimeSpan Elapsed)
{
    /// <summary>The miner answered with a well-formed reply.</summary>
    public sealed record Answered(MinerReply Reply, TimeSpan Elapsed) : MinerOutcome(Elapsed);

    /// <summary>The miner did not answer within the per-request deadline.</summary>
    public sealed record TimedOut(TimeSpan Elapsed) : MinerOutcome(Elapsed);

    /// <summary>The miner answered badly or could not be reached; <see cref="RetryAfter"/> echoes a 429 or open breaker.</summary>
    public sealed record Failed(MinerFailureKind Kind, string Reason, TimeSpan Elapsed) : MinerOutcome(Elapsed)
    {
        public int? HttpStatus { get; init; }

        public TimeSpan? RetryAfter { get; init; }
    }
}
