using Loosh.Storage;
using Microsoft.Extensions.Options;

namespace Loosh.Grains.Challenges;

/// <summary>Persisted state of <see cref="ChallengeGrain"/>; <see cref="Request"/> is null until the challenge is accepted.</summary>
public sealed class ChallengeState
{
    public ChallengeRequest? Request { get; set; }
    public ChallengeStatus Status { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public List<ChallengeTransition> History { get; set; } = [];
    public List<SelectedMiner> Miners { get; set; } = [];
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>One record per chosen miner, in arrival order.</summary>
    public List<MinerAnswer> Answers { get; set; } = [];

    public ChallengeEvaluation? Evaluation { get; set; }

    /// <summary>The outbox message that carries this challenge's result to the Challenge API.</summary>
    public string? ResultMessageId { get; set; }

    public string? FailureReason { get; set; }
}

/// <summary>
/// One challenge and its pipeline: Received → Dispatched → Collected → Evaluated → Submitted (or Failed). Every step is
/// written to grain storage before the next begins and mirrored to the ledger, and a reminder re-enters the pipeline
/// until the challenge is finished, so a crash at any step resumes from the last persisted one on whichever silo
/// activates the grain next. Miners are called by <see cref="MinerCallGrain"/> workers, so this grain never waits on a
/// miner; the result leaves through the durable outbox, so it is delivered once acknowledged and never sent again.
/// </summary>
public sealed partial class ChallengeGrain(
    [PersistentState("challenge", StorageNames.Default)] IPersistentState<ChallengeState> state,
    ValidatorLedger ledger,
    Storage.Outbox outbox,
    ChallengeResults results,
    IOptions<ChallengePipelineOptions> options,
    TimeProvider timeProvider,
    ILogger<ChallengeGrain> logger) : Grain, IChallengeGrain, IRemindable
{
    internal const string ResumeReminder = "resume";

    /// <summary>How often a challenge that found no available miner asks again.</summary>
    private static readonly TimeSpan NoMinerRetryDelay = TimeSpan.FromSeconds(2);

    private readonly ChallengePipelineOptions _options = options.Value;
    private bool _callsInFlight;
    private IGrainTimer? _deadlineTimer;

    private string Id => this.GetPrimaryKeyString();

    public async Task<ChallengeAcceptance> AcceptAsync(ChallengeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Id != Id)
        {
            throw new ArgumentException($"Challenge {request.Id} was sent to the grain of challenge {Id}.", nameof(request));
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

        // The reminder is the crash net: it re-enters the pipeline until the challenge is finished. It is registered
        // before the state is written, so a silo that dies between the two writes cannot leave a stored challenge that
        // nothing resumes (a retry would only be told it is a duplicate); a reminder whose challenge was never stored
        // removes itself on its first tick.
        await this.RegisterOrUpdateReminder(ResumeReminder, _options.ResumePeriod, _options.ResumePeriod);

        state.State.Request = request;
        state.State.Status = ChallengeStatus.Received;
        state.State.ReceivedAt = now;
        state.State.History = [new ChallengeTransition(ChallengeStatus.Received, now)];
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not accepted: forget it here too, or the caller's retry would be answered as a duplicate
            // of a challenge that exists only in this activation's memory and is never worked.
            state.State = new ChallengeState();
            throw;
        }

        // The timer starts the pipeline now, after this call has answered the caller.
        StartSoon(TimeSpan.Zero);
        return ChallengeAcceptance.Accepted;
    }

    /// <summary>
    /// Moves to <paramref name="target"/> and mirrors the status to the ledger. Repeating the current step changes no
    /// state, so a step resumed after a crash can simply be retried.
    /// </summary>
    private async Task AdvanceAsync(ChallengeStatus target)
    {
        // Repeating the current step changes no state, so a caller resuming after a crash can simply retry it;
        // the ledger is written again, which repairs a status a crash left behind.
        if (state.State.Status != target)
        {
            if (!ChallengeStateMachine.Allows(state.State.Status, target))
            {
                throw new InvalidChallengeTransitionException($"Challenge {Id} cannot go from {state.State.Status} to {target}.");
            }
            state.State.Status = target;
            state.State.History.Add(new ChallengeTransition(target, timeProvider.GetUtcNow()));
            await state.WriteStateAsync();
        }
        await ledger.SetChallengeStatusAsync(Id, LedgerNames.Of(target));
    }

    public Task<ChallengeSnapshot?> GetAsync() => Task.FromResult(Snapshot());

    public async Task RecordAnswerAsync(MinerAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (state.State.Status != ChallengeStatus.Dispatched
            || state.State.Miners.All(m => m.Hotkey != answer.Hotkey)
            || state.State.Answers.Any(a => a.Hotkey == answer.Hotkey))
        {
            return;
        }
        state.State.Answers.Add(answer);
        await state.WriteStateAsync();
        if (state.State.Answers.Count == state.State.Miners.Count)
        {
            // Collection is complete: evaluate now, but on the grain's own timer turn, so the worker that reported the
            // last answer is not kept waiting (and timed out) while the evaluation runs.
            StartSoon(TimeSpan.Zero);
        }
    }

    public async Task<ChallengeSnapshot?> ProcessAsync()
    {
        if (state.State.Request is null)
        {
            return null;
        }
        // Each step persists its result and status; the loop ends when a step has to wait (for answers, for the
        // Challenge API) or the challenge is finished.
        while (true)
        {
            var before = state.State.Status;
            switch (before)
            {
                case ChallengeStatus.Received:
                    await DispatchAsync();
                    break;
                case ChallengeStatus.Dispatched:
                    await CollectAsync();
                    break;
                case ChallengeStatus.Collected:
                    await EvaluateAsync();
                    break;
                case ChallengeStatus.Evaluated:
                    await SubmitAsync();
                    break;
                default:
                    await FinishAsync();
                    return Snapshot();
            }
            if (state.State.Status == before)
            {
                return Snapshot();
            }
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName switch
    {
        // Registered by an acceptance whose state write failed or never happened: there is nothing to resume.
        ResumeReminder when state.State.Request is null => FinishAsync(),
        ResumeReminder => ProcessAsync(),
        _ => Task.CompletedTask,
    };

    /// <summary>Received → Dispatched: choose the miners, fix the deadline, send the challenge to each.</summary>
    private async Task DispatchAsync()
    {
        var validator = GrainFactory.GetGrain<IValidatorGrain>(_options.Netuid);
        if (!(await validator.GetStatusAsync()).Running)
        {
            // Paused: the challenge waits; the resume reminder tries again.
            LogPaused(logger, Id);
            return;
        }
        var miners = await validator.SelectMinersAsync(Id, int.MaxValue);
        if (miners.Count == 0)
        {
            // Right after a start no miner has answered a probe yet: keep asking for as long as the challenge could
            // still be answered, rather than dropping it as the reference does.
            if (timeProvider.GetUtcNow() - state.State.ReceivedAt < _options.ChallengeTimeout)
            {
                StartSoon(NoMinerRetryDelay);
                return;
            }
            await FailAsync("no available miner to send the challenge to");
            return;
        }
        state.State.Miners = [.. miners];
        state.State.Deadline = timeProvider.GetUtcNow() + _options.ChallengeTimeout;
        await AdvanceAsync(ChallengeStatus.Dispatched);
        SendToMissingMiners();
    }

    /// <summary>Dispatched → Collected once every miner has answered or the deadline has passed.</summary>
    private async Task CollectAsync()
    {
        var deadline = state.State.Deadline ?? timeProvider.GetUtcNow();
        var now = timeProvider.GetUtcNow();
        if (state.State.Answers.Count < state.State.Miners.Count && now < deadline)
        {
            // Still collecting. After a crash nothing is in flight in this activation: ask the silent miners again
            // with the time that is left.
            if (!_callsInFlight)
            {
                SendToMissingMiners();
            }
            StartSoon(deadline - now);
            return;
        }
        foreach (var miner in state.State.Miners.Where(m => state.State.Answers.All(a => a.Hotkey != m.Hotkey)))
        {
            state.State.Answers.Add(new MinerAnswer(
                miner.Hotkey, MinerOutcomeKind.TimedOut, null, (int)_options.ChallengeTimeout.TotalMilliseconds,
                null, null, 0, 0, 0, "no answer before the deadline", now));
        }
        await AdvanceAsync(ChallengeStatus.Collected);
    }

    /// <summary>Collected → Evaluated: score the answers, record everything, put the result in the outbox.</summary>
    private async Task EvaluateAsync()
    {
        var request = state.State.Request!;
        if (state.State.Answers.All(a => a.Kind != MinerOutcomeKind.Answered))
        {
            // The reference submits nothing when no miner answered; the outcomes still count against the miners.
            await results.RecordAsync(request, state.State.Miners, state.State.Answers, report: null);
            await FailAsync("no miner answered before the deadline");
            return;
        }

        var outcome = await results.EvaluateAndRecordAsync(request, state.State.Miners, state.State.Answers, _options.TestMode);
        state.State.Evaluation = outcome.Evaluation;
        state.State.ResultMessageId = outcome.ResultMessageId;
        await AdvanceAsync(ChallengeStatus.Evaluated);
    }

    /// <summary>
    /// Evaluated → Submitted once the outbox holds the Challenge API's acknowledgement. Delivery runs in a worker (it
    /// can take minutes of retries while the API is down), which calls back here when the API has acknowledged.
    /// </summary>
    private async Task SubmitAsync()
    {
        var messageId = state.State.ResultMessageId!;
        if ((await outbox.GetStatusAsync(messageId))?.IsDelivered == true)
        {
            await AdvanceAsync(ChallengeStatus.Submitted);
            return;
        }
        _ = GrainFactory.GetGrain<IOutboxDeliveryGrain>(0).DeliverAsync(messageId);
    }

    private async Task FailAsync(string reason)
    {
        state.State.FailureReason = reason;
        await AdvanceAsync(ChallengeStatus.Failed);
        LogFailed(logger, Id, reason);
    }

    /// <summary>A finished challenge needs no more resuming.</summary>
    private async Task FinishAsync()
    {
        _deadlineTimer?.Dispose();
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void SendToMissingMiners()
    {
        var request = state.State.Request!;
        var deadline = state.State.Deadline!.Value;
        foreach (var miner in state.State.Miners.Where(m => state.State.Answers.All(a => a.Hotkey != m.Hotkey)))
        {
            // One-way: the worker reports back through RecordAnswerAsync.
            _ = GrainFactory.GetGrain<IMinerCallGrain>(0).CallAsync(request, miner, deadline);
        }
        _callsInFlight = true;
        StartSoon(deadline - timeProvider.GetUtcNow());
    }

    /// <summary>Re-enters the pipeline after <paramref name="delay"/> (the collection deadline, or now).</summary>
    private void StartSoon(TimeSpan delay)
    {
        _deadlineTimer?.Dispose();
        _deadlineTimer = this.RegisterGrainTimer(
            _ => ProcessAsync(),
            new GrainTimerCreationOptions(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    private ChallengeSnapshot? Snapshot() => state.State.Request is { } request
        ? new ChallengeSnapshot(
            request, state.State.Status, state.State.ReceivedAt, [.. state.State.History], [.. state.State.Miners],
            [.. state.State.Answers], state.State.Evaluation, state.State.FailureReason)
        : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenge {ChallengeId} waits: the validator is paused")]
    private static partial void LogPaused(ILogger logger, string challengeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Challenge {ChallengeId} ended without a result: {Reason}")]
    private static partial void LogFailed(ILogger logger, string challengeId, string reason);
}
