using Loosh.Storage;

namespace Loosh.Grains;

/// <summary>Persisted state of <see cref="ChallengeGrain"/>; <see cref="Request"/> is null until the challenge is accepted.</summary>
public sealed class ChallengeState
{
    public ChallengeRequest? Request { get; set; }
    public ChallengeStatus Status { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public List<ChallengeTransition> History { get; set; } = [];
}

/// <summary>
/// One challenge and its state machine. Every transition is written to grain storage before it is reported,
/// then mirrored to the ledger, so a crash never loses an accepted challenge.
/// </summary>
public sealed class ChallengeGrain(
    [PersistentState("challenge", StorageNames.Default)] IPersistentState<ChallengeState> state,
    ValidatorLedger ledger,
    TimeProvider timeProvider) : Grain, IChallengeGrain
{
    public async Task<ChallengeAcceptance> AcceptAsync(ChallengeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Id != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Challenge {request.Id} was sent to the grain of challenge {this.GetPrimaryKeyString()}.", nameof(request));
        }
        // The grain state, not the ledger, decides what is a duplicate: a ledger row without grain state is
        // what a crash between the two writes leaves, and the retry must still be accepted.
        if (state.State.Request is not null)
        {
            return ChallengeAcceptance.Duplicate;
        }

        var now = timeProvider.GetUtcNow();
        await ledger.RecordChallengeAsync(new ChallengeEntry(
            request.Id, request.CorrelationId, LedgerNames.Of(request.Source), LedgerNames.Of(ChallengeStatus.Received),
            request.Model, request.OriginalJson, now));

        state.State.Request = request;
        state.State.Status = ChallengeStatus.Received;
        state.State.ReceivedAt = now;
        state.State.History = [new ChallengeTransition(ChallengeStatus.Received, now)];
        await state.WriteStateAsync();
        return ChallengeAcceptance.Accepted;
    }

    public async Task<ChallengeSnapshot> AdvanceAsync(ChallengeStatus target)
    {
        if (state.State.Request is null)
        {
            throw new InvalidChallengeTransitionException($"Challenge {this.GetPrimaryKeyString()} was never accepted.");
        }
        // Repeating the current step changes no state, so a caller resuming after a crash can simply retry it;
        // the ledger is written again, which repairs a status a crash left behind.
        if (state.State.Status != target)
        {
            if (!ChallengeStateMachine.Allows(state.State.Status, target))
            {
                throw new InvalidChallengeTransitionException(
                    $"Challenge {this.GetPrimaryKeyString()} cannot go from {state.State.Status} to {target}.");
            }
            state.State.Status = target;
            state.State.History.Add(new ChallengeTransition(target, timeProvider.GetUtcNow()));
            await state.WriteStateAsync();
        }
        await ledger.SetChallengeStatusAsync(this.GetPrimaryKeyString(), LedgerNames.Of(target));
        return Snapshot()!;
    }

    public Task<ChallengeSnapshot?> GetAsync() => Task.FromResult(Snapshot());

    private ChallengeSnapshot? Snapshot() => state.State.Request is { } request
        ? new ChallengeSnapshot(request, state.State.Status, state.State.ReceivedAt, [.. state.State.History])
        : null;
}
