using Loosh.Grains.Miners;
using Loosh.Storage;
using Microsoft.Extensions.Options;

namespace Loosh.Grains;

/// <summary>Persisted state of <see cref="ValidatorGrain"/>.</summary>
public sealed class ValidatorState
{
    public bool Running { get; set; } = true;
    public DateTimeOffset? RunningChangedAt { get; set; }
    public long ChallengeTicks { get; set; }
    public DateTimeOffset? LastChallengeTickAt { get; set; }
    public long WeightsTicks { get; set; }
    public DateTimeOffset? LastWeightsTickAt { get; set; }
    public long? LastEpoch { get; set; }

    /// <summary>The period each reminder was registered with (Orleans does not report it back).</summary>
    public Dictionary<string, TimeSpan> ReminderPeriods { get; set; } = [];

    /// <summary>Metagraph, validator list, priority weights and availability (see ValidatorGrain.Miners.cs).</summary>
    public MinerNetworkState Miners { get; set; } = new();
}

/// <summary>
/// The validator-wide schedule. Reminders (not timers) drive it, so the schedule survives silo crashes and
/// restarts of the whole cluster, and exactly one activation in the cluster acts on each tick. The miner side
/// (metagraph, probes, selection) is in Miners/ValidatorGrain.Miners.cs.
/// </summary>
public sealed partial class ValidatorGrain(
    [PersistentState("validator", StorageNames.Default)] IPersistentState<ValidatorState> state,
    IOptions<ValidatorScheduleOptions> scheduleOptions,
    IOptions<MinerNetworkOptions> minerOptions,
    Outbox outbox,
    TimeProvider timeProvider,
    ILogger<ValidatorGrain> logger) : Grain, IValidatorGrain, IRemindable
{
    internal const string ChallengeReminder = "challenge-interval";
    internal const string WeightsReminder = "weights-interval";

    private readonly ValidatorScheduleOptions _schedule = scheduleOptions.Value;
    private readonly MinerNetworkOptions _minerOptions = minerOptions.Value;

    private int Netuid => (int)this.GetPrimaryKeyLong();

    public async Task<ValidatorStatus> StartAsync()
    {
        var firstWeightsRun = _schedule.FirstWeightsDelay < _schedule.WeightsInterval ? _schedule.FirstWeightsDelay : _schedule.WeightsInterval;
        await EnsureReminderAsync(WeightsReminder, firstWeightsRun, _schedule.WeightsInterval);
        await EnsureReminderAsync(MetagraphReminder, _minerOptions.MetagraphRefreshInterval, _minerOptions.MetagraphRefreshInterval);

        if (_schedule.ChallengeMode == ChallengeMode.Pull)
        {
            await EnsureReminderAsync(ChallengeReminder, _schedule.ChallengeInterval, _schedule.ChallengeInterval);
        }
        else if (await this.GetReminder(ChallengeReminder) is { } stale)
        {
            // Switched from pull to push: the Challenge API hands challenges in, nothing is fetched any more.
            await this.UnregisterReminder(stale);
            state.State.ReminderPeriods.Remove(ChallengeReminder);
            await state.WriteStateAsync();
        }

        return Status();
    }

    public async Task<ValidatorStatus> SetRunningAsync(bool running)
    {
        if (state.State.Running != running)
        {
            state.State.Running = running;
            state.State.RunningChangedAt = timeProvider.GetUtcNow();
            await state.WriteStateAsync();
            LogRunningChanged(logger, Netuid, running);
        }
        return Status();
    }

    public Task<ValidatorStatus> GetStatusAsync() => Task.FromResult(Status());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case ChallengeReminder:
                await OnChallengeTickAsync();
                break;
            case WeightsReminder:
                await OnWeightsTickAsync();
                break;
            case MetagraphReminder:
                await OnMetagraphTickAsync();
                break;
            default:
                LogUnknownReminder(logger, reminderName, Netuid);
                if (await this.GetReminder(reminderName) is { } unknown)
                {
                    await this.UnregisterReminder(unknown);
                }
                break;
        }
    }

    private async Task OnChallengeTickAsync()
    {
        if (!state.State.Running)
        {
            LogPausedTick(logger, Netuid);
            return;
        }
        state.State.ChallengeTicks++;
        state.State.LastChallengeTickAt = timeProvider.GetUtcNow();
        await state.WriteStateAsync();
        // One-way: the pull (with the API's retries) runs in a worker, not in this grain's turn.
        _ = GrainFactory.GetGrain<IChallengePullGrain>(0).PullAsync();
    }

    // Weights are set even while paused: a validator that stops setting weights gets deregistered. The epoch grain
    // does the work on its own reminder, so this turn only opens the epoch.
    private async Task OnWeightsTickAsync()
    {
        var now = timeProvider.GetUtcNow();
        var interval = (long)_schedule.WeightsInterval.TotalSeconds;
        var epoch = now.ToUnixTimeSeconds() / interval;
        var request = new EpochCloseRequest(state.State.LastEpoch, DateTimeOffset.FromUnixTimeSeconds((epoch + 1) * interval));
        var opened = await GrainFactory.GetGrain<IEpochGrain>(EpochKey.Format(Netuid, epoch)).CloseAsync(request);

        state.State.WeightsTicks++;
        state.State.LastWeightsTickAt = now;
        state.State.LastEpoch = epoch;
        await state.WriteStateAsync();
        LogEpochClosed(logger, epoch, Netuid, opened.Status);
    }

    private async Task EnsureReminderAsync(string name, TimeSpan dueTime, TimeSpan period)
    {
        // Keep an existing reminder with the right period: re-registering would push its next tick back on every restart.
        if (await this.GetReminder(name) is not null
            && state.State.ReminderPeriods.TryGetValue(name, out var registered) && registered == period)
        {
            return;
        }
        await this.RegisterOrUpdateReminder(name, dueTime, period);
        state.State.ReminderPeriods[name] = period;
        await state.WriteStateAsync();
        LogReminderRegistered(logger, name, Netuid, dueTime, period);
    }

    private ValidatorStatus Status() => new(
        Netuid,
        state.State.Running,
        state.State.RunningChangedAt,
        _schedule.ChallengeMode,
        state.State.ChallengeTicks,
        state.State.LastChallengeTickAt,
        state.State.WeightsTicks,
        state.State.LastWeightsTickAt,
        state.State.LastEpoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Validator for netuid {Netuid} running = {Running}")]
    private static partial void LogRunningChanged(ILogger logger, int netuid, bool running);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown reminder {Reminder} on validator {Netuid}; unregistering it")]
    private static partial void LogUnknownReminder(ILogger logger, string reminder, int netuid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Validator {Netuid} is paused; not fetching a challenge")]
    private static partial void LogPausedTick(ILogger logger, int netuid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Epoch {Epoch} of netuid {Netuid} closed: {Status}")]
    private static partial void LogEpochClosed(ILogger logger, long epoch, int netuid, EpochStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered reminder {Reminder} for netuid {Netuid}: first in {Due}, then every {Period}")]
    private static partial void LogReminderRegistered(ILogger logger, string reminder, int netuid, TimeSpan due, TimeSpan period);
}
