using Loosh.Storage;

namespace Loosh.Grains;

/// <summary>Persisted state of <see cref="MinerGrain"/>.</summary>
public sealed class MinerState
{
    public MinerRegistration? Registration { get; set; }
    public bool Available { get; set; }
    public DateTimeOffset? LastProbeAt { get; set; }
    public DateTimeOffset? LastAvailableAt { get; set; }
    public string? LastError { get; set; }
    public string? LastAnsweredChallengeId { get; set; }
    public DateTimeOffset? LastAnsweredAt { get; set; }
    public int ConsecutiveFailures { get; set; }

    /// <summary>When the hotkey was last seen leaving the metagraph; null while registered.</summary>
    public DateTimeOffset? DeregisteredAt { get; set; }

    /// <summary>The most recent outcomes, oldest first: the inputs of the miner's moving average.</summary>
    public List<MinerOutcome> RecentOutcomes { get; set; } = [];
}

/// <summary>
/// One miner by hotkey. Registration and probe results are mirrored to the ledger's miners table; outcomes
/// are kept (bounded) as the inputs of the weights computation.
/// </summary>
public sealed class MinerGrain(
    [PersistentState("miner", StorageNames.Default)] IPersistentState<MinerState> state,
    ValidatorLedger ledger) : Grain, IMinerGrain
{
    /// <summary>How many outcomes are kept: at the reference's pace this spans well over its 24 h moving-average window.</summary>
    public const int MaxRecentOutcomes = 512;

    private string Hotkey => this.GetPrimaryKeyString();

    public async Task<MinerSnapshot> UpdateRegistrationAsync(MinerRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        state.State.Registration = registration;
        state.State.DeregisteredAt = null;
        await SaveAsync(mirrorToLedger: true);
        return Snapshot();
    }

    public async Task<MinerSnapshot> MarkDeregisteredAsync(DateTimeOffset at)
    {
        if (state.State.DeregisteredAt is null)
        {
            state.State.DeregisteredAt = at;
            state.State.Available = false;
            await SaveAsync(mirrorToLedger: true);
        }
        return Snapshot();
    }

    public async Task<MinerSnapshot> RecordProbeAsync(AvailabilityProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        state.State.Available = probe.Available;
        state.State.LastProbeAt = probe.At;
        if (probe.Available)
        {
            state.State.LastAvailableAt = probe.At;
            state.State.LastError = null;
        }
        else
        {
            state.State.LastError = probe.Error;
        }
        await SaveAsync(mirrorToLedger: true);
        return Snapshot();
    }

    public async Task<MinerSnapshot> RecordOutcomeAsync(MinerOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var outcomes = state.State.RecentOutcomes;
        // An outcome is recorded once per challenge; a retried call replaces the earlier record.
        outcomes.RemoveAll(o => o.ChallengeId == outcome.ChallengeId);
        outcomes.Add(outcome);
        if (outcomes.Count > MaxRecentOutcomes)
        {
            outcomes.RemoveRange(0, outcomes.Count - MaxRecentOutcomes);
        }

        if (outcome.Kind == MinerOutcomeKind.Answered)
        {
            state.State.LastAnsweredChallengeId = outcome.ChallengeId;
            state.State.LastAnsweredAt = outcome.At;
            state.State.ConsecutiveFailures = 0;
        }
        else
        {
            state.State.ConsecutiveFailures++;
        }
        await SaveAsync(mirrorToLedger: false);
        return Snapshot();
    }

    public Task<MinerSnapshot> GetAsync() => Task.FromResult(Snapshot());

    // Outcomes without an emission (not evaluated yet, or unanswered under a profile that records none) are left out.
    public Task<MinerScoreInputs> GetScoreInputsAsync(DateTimeOffset since) => Task.FromResult(new MinerScoreInputs(
        Hotkey,
        [.. state.State.RecentOutcomes
            .Where(o => o.Emission is not null && o.At >= since)
            .Select(o => new ScoredEmission(o.ChallengeId, o.At, o.Emission!.Value))],
        state.State.LastAnsweredAt,
        state.State.LastAvailableAt));

    private async Task SaveAsync(bool mirrorToLedger)
    {
        await state.WriteStateAsync();
        if (mirrorToLedger)
        {
            var registration = state.State.Registration;
            // A deregistered hotkey keeps its last axon and coldkey on record, but the UID now belongs to someone else.
            var uid = state.State.DeregisteredAt is null ? registration?.Uid : null;
            await ledger.UpsertMinerAsync(new MinerEntry(
                Hotkey, uid, registration?.Coldkey, registration?.Ip, registration?.Port, registration?.StakeTao,
                state.State.Available, state.State.LastProbeAt, state.State.LastAvailableAt, state.State.LastError));
        }
    }

    private MinerSnapshot Snapshot() => new(
        Hotkey,
        state.State.Registration,
        state.State.Available,
        state.State.LastProbeAt,
        state.State.LastAvailableAt,
        state.State.LastError,
        state.State.LastAnsweredChallengeId,
        state.State.LastAnsweredAt,
        state.State.ConsecutiveFailures,
        [.. state.State.RecentOutcomes],
        state.State.DeregisteredAt);
}
