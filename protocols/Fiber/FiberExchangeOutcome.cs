namespace Loosh.Protocols.Fiber;

/// <summary>
/// Why <see cref="FiberServer.ExchangeKey"/> took or refused a key; the HTTP layer maps each to a status, so that a
/// refused exchange is never a 500 (the reference's catch-all turned every refusal into one).
/// </summary>
public enum FiberExchangeOutcome
{
    Accepted,

    /// <summary>The ciphertext, key UUID or signature encoding is unusable.</summary>
    Malformed,

    /// <summary>The sr25519 signature does not verify for the claimed hotkey.</summary>
    BadSignature,

    /// <summary>The hotkey is not one of the configured Challenge API hotkeys.</summary>
    HotkeyNotAllowed,

    /// <summary>No Challenge API hotkey is configured, so every exchange is refused (fail closed).</summary>
    NoHotkeysConfigured,

    /// <summary>The signed timestamp is outside the freshness window of our clock.</summary>
    Stale,

    /// <summary>This (hotkey, key UUID) was already exchanged.</summary>
    Replayed,
}
