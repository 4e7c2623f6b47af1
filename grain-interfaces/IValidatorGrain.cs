using Orleans.Concurrency;

namespace Loosh.GrainInterfaces;

/// <summary>
/// The validator-wide schedule and switches of one subnet, keyed by netuid. It owns the reminders for the
/// challenge interval (pull mode), the metagraph refresh and the weights interval, the persisted running flag, and
/// the miner side: the last good metagraph, the Challenge API's validator list and priority weights, the latest
/// availability of every miner, and miner selection.
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

    /// <summary>
    /// Chooses up to <c>min(count, MAX_MINERS)</c> miners for a challenge: serving miners that answered the last
    /// availability probe, minus the Challenge API's validators and ourselves, sampled without replacement by
    /// priority weight. The draw is seeded by the challenge id and our hotkey, so asking again for the same
    /// challenge (a resumed challenge) gives the same miners as long as the candidates and weights are unchanged.
    /// Fewer than MIN_MINERS candidates is logged, not refused: what there is comes back (possibly nothing).
    /// </summary>
    [Alias("SelectMiners"), ReadOnly]
    Task<IReadOnlyList<SelectedMiner>> SelectMinersAsync(string challengeId, int count);

    /// <summary>What the validator knows of the subnet's miners: the last good metagraph, validators, weights, availability.</summary>
    [Alias("GetMinerNetwork"), ReadOnly]
    Task<MinerNetworkView> GetMinerNetworkAsync();

    /// <summary>Starts a metagraph, validator-list and priority-weight refresh now; returns once it is started, not done.</summary>
    [Alias("RefreshMinerNetwork")]
    Task RefreshMinerNetworkAsync();

    /// <summary>Starts an availability probe of every served miner now (unless one is running); returns once it is started.</summary>
    [Alias("ProbeMiners")]
    Task ProbeMinersAsync();

    /// <summary>Called by the silo's miner-network worker with the result of a refresh; parts that failed are null and keep their last value.</summary>
    [Alias("ApplyMinerNetwork")]
    Task ApplyMinerNetworkAsync(MinerNetworkRefresh refresh);

    /// <summary>Called by the silo's miner-network worker when a probe round is done.</summary>
    [Alias("ApplyProbeRound")]
    Task ApplyProbeRoundAsync(long round, IReadOnlyList<ProbeResult> results);
}

/// <summary>
/// One neuron of the metagraph as the validator keeps it. <see cref="ChainIp"/> is the chain's integer-as-text form
/// (what the Challenge API's network report wants); <see cref="Ip"/> is the same address as dotted or IPv6 text.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loosh.MetagraphNode")]
public sealed record MetagraphNode(
    [property: Id(0)] string Hotkey,
    [property: Id(1)] string Coldkey,
    [property: Id(2)] int Uid,
    [property: Id(3)] string ChainIp,
    [property: Id(4)] int IpType,
    [property: Id(5)] string Ip,
    [property: Id(6)] int Port,
    [property: Id(7)] double StakeTao,
    [property: Id(8)] bool ValidatorPermit)
{
    /// <summary>False for an axon that was never served: IP 0 or port 0 (protocols.md §1.8, evaluation.md §9.2 step 3).</summary>
    public bool HasEndpoint => Port is > 0 and <= 65535 && ChainIp is not ("" or "0");
}

/// <summary>
/// What one refresh produced. A null part failed and is kept at its last good value by the validator grain;
/// the error says why. <see cref="ValidatorHotkey"/> is our own hotkey, which the worker knows from the wallet.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loosh.MinerNetworkRefresh")]
public sealed record MinerNetworkRefresh(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string ValidatorHotkey,
    [property: Id(2)] IReadOnlyList<MetagraphNode>? Metagraph,
    [property: Id(3)] string? MetagraphError,
    [property: Id(4)] IReadOnlyList<string>? Validators,
    [property: Id(5)] string? ValidatorsError,
    [property: Id(6)] IReadOnlyDictionary<string, double>? PriorityWeights,
    [property: Id(7)] string? PriorityWeightsError);

/// <summary>The outcome of one availability probe of one miner.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.ProbeResult")]
public sealed record ProbeResult(
    [property: Id(0)] string Hotkey,
    [property: Id(1)] bool Available,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? Error);

/// <summary>A miner chosen for a challenge, with what the challenge needs to call it and to cap entities (coldkey, IP).</summary>
[GenerateSerializer, Immutable, Alias("Loosh.SelectedMiner")]
public sealed record SelectedMiner(
    [property: Id(0)] string Hotkey,
    [property: Id(1)] int Uid,
    [property: Id(2)] string Coldkey,
    [property: Id(3)] string Ip,
    [property: Id(4)] int Port,
    [property: Id(5)] Uri BaseUrl);

/// <summary>The validator's view of the subnet's miners (see <see cref="IValidatorGrain.GetMinerNetworkAsync"/>).</summary>
[GenerateSerializer, Immutable, Alias("Loosh.MinerNetworkView")]
public sealed record MinerNetworkView(
    [property: Id(0)] IReadOnlyList<MetagraphNode> Metagraph,
    [property: Id(1)] DateTimeOffset? MetagraphAt,
    [property: Id(2)] long RefreshAttempts,
    [property: Id(3)] string? LastRefreshError,
    [property: Id(4)] IReadOnlyList<string> Validators,
    [property: Id(5)] IReadOnlyDictionary<string, double> PriorityWeights,
    [property: Id(6)] IReadOnlyDictionary<string, ProbeResult> Availability,
    [property: Id(7)] long ProbeRounds,
    [property: Id(8)] string? ValidatorHotkey,
    [property: Id(9)] DateTimeOffset? LastLedgerPruneAt);

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
