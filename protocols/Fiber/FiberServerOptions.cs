namespace Loosh.Protocols.Fiber;

/// <summary>
/// Who may exchange keys with our Fiber server and how much it keeps: the reference accepted any hotkey, trusted the
/// client's timestamp for expiry and never bounded its key store (protocols.md §10 items 1–2).
/// </summary>
public sealed class FiberServerOptions
{
    /// <summary>SS58 hotkeys of the Challenge API. Empty refuses every exchange.</summary>
    public IReadOnlyCollection<string> AllowedHotkeys { get; set; } = [];

    /// <summary>How far the signed timestamp may be from our clock, either way.</summary>
    public TimeSpan FreshnessWindow { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long an exchanged key stays usable, counted from when we received it.</summary>
    public TimeSpan KeyTtl { get; set; } = TimeSpan.FromSeconds(3600);

    public int MaxKeysPerHotkey { get; set; } = 16;

    public int MaxKeys { get; set; } = 256;
}
