namespace Loosh.Storage;

/// <summary>A challenge as first recorded. <paramref name="PayloadJson"/> is the challenge as received, as JSON.</summary>
public sealed record ChallengeEntry(
    string ChallengeId,
    string? CorrelationId,
    string Source,
    string Status,
    string? Model,
    string PayloadJson,
    DateTimeOffset ReceivedAt);

/// <summary>What the validator knows of one miner, by hotkey.</summary>
public sealed record MinerEntry(
    string Hotkey,
    int? Uid,
    string? Coldkey,
    string? Ip,
    int? Port,
    double? StakeTao,
    bool IsAvailable,
    DateTimeOffset? LastProbeAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError);

/// <summary>The outcome of one epoch's weights. <paramref name="WeightsJson"/> maps UID to weight.</summary>
public sealed record WeightSubmissionEntry(
    int Netuid,
    long Epoch,
    string Status,
    string WeightsJson,
    string? ExtrinsicHash,
    long? BlockNumber,
    string? Message);

/// <summary>Ledger-wide counters.</summary>
public sealed record LedgerStats(
    IReadOnlyDictionary<string, long> ChallengesByStatus,
    long AnsweredResponses,
    long FailedResponses,
    double? AverageResponseTimeMs,
    long KnownMiners,
    long AvailableMiners,
    long RegisteredHotkeys,
    DateTimeOffset? LastChallengeAt)
{
    public long TotalChallenges => ChallengesByStatus.Values.Sum();
}

/// <summary>One row of GET /challenges.</summary>
public sealed record ChallengeSummary(
    string ChallengeId,
    string? CorrelationId,
    string Source,
    string Status,
    string? Model,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A page of challenges and the total number recorded.</summary>
public sealed record ChallengePage(IReadOnlyList<ChallengeSummary> Items, long Total);
