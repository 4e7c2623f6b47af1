namespace Loosh.Protocols.Fiber;

/// <summary>Timeouts, key lifetime and size limits of a <see cref="FiberClient"/> (protocols.md §1.1(c) 6–7, §2.2).</summary>
public sealed class FiberClientOptions
{
    /// <summary>Each of the two handshake requests; the reference used 15 s toward miners and 30 s for the batch client.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long peers keep an exchanged key.</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Renew this long before <see cref="KeyLifetime"/> ends, so a key never expires in flight.</summary>
    public TimeSpan RenewalMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The TTL replies are decrypted with.</summary>
    public TimeSpan ResponseTtl { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Replies (and handshake answers) longer than this are refused unread.</summary>
    public int MaxResponseBytes { get; set; } = 8 << 20;

    /// <summary>The Challenge API batch and callback client's settings: a 30 s handshake timeout.</summary>
    public static FiberClientOptions ForChallengeApi() => new() { HandshakeTimeout = TimeSpan.FromSeconds(30) };
}
