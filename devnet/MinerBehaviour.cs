namespace Loosh.Devnet;

/// <summary>
/// How a simulated miner behaves. Each case is a way real miners help or hurt a validator, so the validator's
/// client, scoring and sybil defences can be exercised on loopback without a subnet.
/// </summary>
public abstract record MinerBehaviour
{
    /// <summary>On-topic prose from the corpus; different miners pick different wordings.</summary>
    public sealed record Honest : MinerBehaviour;

    /// <summary>An honest answer after <see cref="Delay"/>.</summary>
    public sealed record Slow(TimeSpan Delay) : MinerBehaviour;

    /// <summary>A sybil: word for word the answer of the miner at index <see cref="Of"/>.</summary>
    public sealed record CopyCat(int Of) : MinerBehaviour;

    /// <summary>Fluent text that has nothing to do with the prompt.</summary>
    public sealed record Garbage : MinerBehaviour;

    /// <summary>A well-formed reply with an empty response_text.</summary>
    public sealed record Empty : MinerBehaviour;

    /// <summary>Accepts the request and never answers.</summary>
    public sealed record Timeout : MinerBehaviour;

    /// <summary>Answers availability and inference (plain or a Fiber challenge) with <see cref="Status"/>; its Fiber handshake works.</summary>
    public sealed record HttpError(int Status) : MinerBehaviour;

    /// <summary>Answers inference with 429 and a Retry-After of <see cref="RetryAfter"/>.</summary>
    public sealed record RateLimited(TimeSpan RetryAfter) : MinerBehaviour;

    /// <summary>Streams a reply of <see cref="Bytes"/> bytes, far beyond any sane limit.</summary>
    public sealed record Oversize(long Bytes = 64L * 1024 * 1024) : MinerBehaviour;

    /// <summary>A 200 whose body is not valid JSON.</summary>
    public sealed record MalformedJson : MinerBehaviour;

    /// <summary>Says <c>available: false</c> with a reason and refuses inference with 503, like a miner warming up.</summary>
    public sealed record Initializing : MinerBehaviour;

    /// <summary>
    /// Answers honestly but forgets every Fiber key after each <see cref="After"/> encrypted challenges (every one when
    /// not positive), as a miner restarting or rotating keys does, so the validator must re-handshake from the public
    /// key in the 401.
    /// </summary>
    public sealed record KeyRotation(int After) : MinerBehaviour;

    /// <summary>Answers plain inference honestly but refuses every Fiber key exchange with 400.</summary>
    public sealed record RejectHandshake : MinerBehaviour;
}
