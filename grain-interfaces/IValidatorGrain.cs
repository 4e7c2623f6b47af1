namespace Loosh.GrainInterfaces;

/// <summary>
/// The validator-wide schedule and switches of one subnet, keyed by netuid. It owns the reminders for the
/// challenge interval (pull mode) and the weights interval, and the persisted running flag.
/// </summary>
[Alias("Loosh.IValidatorGrain")]
public interface IValidatorGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or re-registers) the reminders of the configured schedule. Idempotent; every silo calls it at start.</summary>
    [Alias("Start")]
    Task<ValidatorStatus> StartAsync();

    /// <summary>Pauses (<c>false</c>) or resumes (<c>true</c>) taking challenges. Persisted; weights keep being set.</summary>
    [Alias("SetRunning")]
    Task<ValidatorStatus> SetRunningAsync(bool running);

    [Alias("GetStatus")]
    Task<ValidatorStatus> GetStatusAsync();
}

/// <summary>What the validator grain reports about itself.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.ValidatorStatus")]
public sealed record ValidatorStatus(
    [property: Id(0)] int Netuid,
    [property: Id(1)] bool Running,
    [property: Id(2)] DateTimeOffset? RunningChangedAt,
    [property: Id(3)] ChallengeMode ChallengeMode,
    [property: Id(4)] long ChallengeTicks,
    [property: Id(5)] DateTimeOffset? LastChallengeTickAt,
    [property: Id(6)] long WeightsTicks,
    [property: Id(7)] DateTimeOffset? LastWeightsTickAt,
    [property: Id(8)] long? LastEpoch);

/// <summary>How challenges reach the validator: pushed by the Challenge API (1.2.x) or pulled on an interval (original protocol).</summary>
[GenerateSerializer, Alias("Loosh.ChallengeMode")]
public enum ChallengeMode
{
    Push = 0,
    Pull = 1,
}
