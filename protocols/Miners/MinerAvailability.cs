namespace Loosh.Protocols.Miners;

/// <summary>
/// The answer of one availability probe (protocols.md §2.4). A miner is available only on 200 with
/// <c>available: true</c>; otherwise <see cref="Reason"/> says why, for the miners table.
/// </summary>
public sealed record MinerAvailability(bool Available, string? Reason, int? HttpStatus);
