namespace Loosh.Protocols.Fiber;

/// <summary>What GET /fiber/stats reports, in the reference's field names once snake-cased.</summary>
public sealed record FiberServerStats(int ActiveHotkeys, int TotalSymmetricKeys, long KeyTtlSeconds);
