namespace Loosh.GrainInterfaces;

/// <summary>
/// Reads and small writes of the ledger for the HTTP API. A stateless worker: any silo answers, several
/// activations per silo, so the gateway never needs a database connection of its own.
/// </summary>
[Alias("Loosh.ILedgerGrain")]
public interface ILedgerGrain : IGrainWithIntegerKey
{
    [Alias("GetStats")]
    Task<LedgerCounters> GetStatsAsync();

    [Alias("ListChallenges")]
    Task<ChallengeList> ListChallengesAsync(int limit, int offset);

    /// <summary>Stores a hotkey sent to POST /register; returns true when it is new.</summary>
    [Alias("RegisterHotkey")]
    Task<bool> RegisterHotkeyAsync(string hotkey);
}

[GenerateSerializer, Immutable, Alias("Loosh.LedgerCounters")]
public sealed record LedgerCounters(
    [property: Id(0)] IReadOnlyDictionary<ChallengeStatus, long> ChallengesByStatus,
    [property: Id(1)] long AnsweredResponses,
    [property: Id(2)] long FailedResponses,
    [property: Id(3)] double? AverageResponseTimeMs,
    [property: Id(4)] long KnownMiners,
    [property: Id(5)] long AvailableMiners,
    [property: Id(6)] long RegisteredHotkeys,
    [property: Id(7)] DateTimeOffset? LastChallengeAt)
{
    public long TotalChallenges => ChallengesByStatus.Values.Sum();

    /// <summary>Challenges accepted and not yet finished.</summary>
    public long ActiveChallenges => ChallengesByStatus.Where(pair => !ChallengeStateMachine.IsFinal(pair.Key)).Sum(pair => pair.Value);

    /// <summary>Challenges accepted and not yet dispatched to miners.</summary>
    public long QueuedChallenges => ChallengesByStatus.GetValueOrDefault(ChallengeStatus.Received);
}

[GenerateSerializer, Immutable, Alias("Loosh.ChallengeListItem")]
public sealed record ChallengeListItem(
    [property: Id(0)] string ChallengeId,
    [property: Id(1)] string? CorrelationId,
    [property: Id(2)] ChallengeSource Source,
    [property: Id(3)] ChallengeStatus Status,
    [property: Id(4)] string? Model,
    [property: Id(5)] DateTimeOffset ReceivedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt);

[GenerateSerializer, Immutable, Alias("Loosh.ChallengeList")]
public sealed record ChallengeList([property: Id(0)] IReadOnlyList<ChallengeListItem> Items, [property: Id(1)] long Total);
