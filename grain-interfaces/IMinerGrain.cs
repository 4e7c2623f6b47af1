namespace Loosh.GrainInterfaces;

/// <summary>
/// One miner, keyed by its hotkey (never by UID: UIDs are reused by new registrations). Keeps what the chain
/// says about it, its availability, and the outcomes of the challenges it was sent.
/// </summary>
[Alias("Loosh.IMinerGrain")]
public interface IMinerGrain : IGrainWithStringKey
{
    /// <summary>Records the miner's registration as read from the metagraph; a deregistered miner that is back is registered again.</summary>
    [Alias("UpdateRegistration")]
    Task<MinerSnapshot> UpdateRegistrationAsync(MinerRegistration registration);

    /// <summary>
    /// Records that the hotkey left the metagraph (its UID went to another hotkey, or the subnet pruned it): it is no
    /// longer available and its ledger row loses the UID. Its history stays with the hotkey. Idempotent.
    /// </summary>
    [Alias("MarkDeregistered")]
    Task<MinerSnapshot> MarkDeregisteredAsync(DateTimeOffset at);

    /// <summary>Records the result of an availability probe.</summary>
    [Alias("RecordProbe")]
    Task<MinerSnapshot> RecordProbeAsync(AvailabilityProbe probe);

    /// <summary>Records what came of one challenge sent to this miner; timeouts and errors count too.</summary>
    [Alias("RecordOutcome")]
    Task<MinerSnapshot> RecordOutcomeAsync(MinerOutcome outcome);

    [Alias("Get")]
    Task<MinerSnapshot> GetAsync();

    /// <summary>What the weights epoch needs from this miner: its emissions since <paramref name="since"/> and when it last answered and was available.</summary>
    [Alias("GetScoreInputs")]
    Task<MinerScoreInputs> GetScoreInputsAsync(DateTimeOffset since);
}

/// <summary>A miner's registration on the subnet: UID, coldkey, served axon and stake.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.MinerRegistration")]
public sealed record MinerRegistration(
    [property: Id(0)] int Uid,
    [property: Id(1)] string Coldkey,
    [property: Id(2)] string Ip,
    [property: Id(3)] int Port,
    [property: Id(4)] double StakeTao);

[GenerateSerializer, Immutable, Alias("Loosh.AvailabilityProbe")]
public sealed record AvailabilityProbe(
    [property: Id(0)] bool Available,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Error);

[GenerateSerializer, Alias("Loosh.MinerOutcomeKind")]
public enum MinerOutcomeKind
{
    Answered = 0,
    TimedOut = 1,
    Failed = 2,
}

/// <summary>What one challenge earned a miner. <see cref="Emission"/> is null until the challenge is evaluated.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.MinerOutcome")]
public sealed record MinerOutcome(
    [property: Id(0)] string ChallengeId,
    [property: Id(1)] MinerOutcomeKind Kind,
    [property: Id(2)] double? Emission,
    [property: Id(3)] int? ResponseTimeMs,
    [property: Id(4)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("Loosh.MinerSnapshot")]
public sealed record MinerSnapshot(
    [property: Id(0)] string Hotkey,
    [property: Id(1)] MinerRegistration? Registration,
    [property: Id(2)] bool Available,
    [property: Id(3)] DateTimeOffset? LastProbeAt,
    [property: Id(4)] DateTimeOffset? LastAvailableAt,
    [property: Id(5)] string? LastError,
    [property: Id(6)] string? LastAnsweredChallengeId,
    [property: Id(7)] DateTimeOffset? LastAnsweredAt,
    [property: Id(8)] int ConsecutiveFailures,
    [property: Id(9)] IReadOnlyList<MinerOutcome> RecentOutcomes,
    [property: Id(10)] DateTimeOffset? DeregisteredAt);

/// <summary>One scored challenge: when its outcome was recorded and what it earned.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.ScoredEmission")]
public sealed record ScoredEmission([property: Id(0)] string ChallengeId, [property: Id(1)] DateTimeOffset At, [property: Id(2)] double Emission);

/// <summary>
/// A miner's inputs to the weights: every recorded outcome that carries an emission (oldest first), and the times
/// the freshness gate can be based on.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loosh.MinerScoreInputs")]
public sealed record MinerScoreInputs(
    [property: Id(0)] string Hotkey,
    [property: Id(1)] IReadOnlyList<ScoredEmission> Emissions,
    [property: Id(2)] DateTimeOffset? LastAnsweredAt,
    [property: Id(3)] DateTimeOffset? LastAvailableAt);
