namespace Loosh.Protocols.Tests;

/// <summary>A clock the test sets by hand, so nonces and freshness windows are deterministic.</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
