using System.Data.Common;
using Loosh.Grains.Miners;
using Loosh.Protocols.Miners;

namespace Loosh.Grains;

/// <summary>
/// The miner side of the validator grain. The grain keeps the state and the schedule; the network I/O (chain,
/// Challenge API, probes, pruning) runs in <see cref="IMinerNetworkWorkerGrain"/>, started with one-way calls and
/// reported back through short calls, so selections are never stuck behind a refresh or a probe round.
/// </summary>
public sealed partial class ValidatorGrain
{
    internal const string MetagraphReminder = "metagraph-refresh";

    /// <summary>SELECTION_WEIGHT_DEFAULT: the weight of a miner the Challenge API said nothing about.</summary>
    private const double DefaultSelectionWeight = 1.0;

    // In memory only: after a crash or a move to another silo a run simply starts again.
    private DateTimeOffset? _refreshStartedAt;
    private DateTimeOffset? _probeStartedAt;

    private MinerNetworkState Miners => state.State.Miners;

    private IMinerNetworkWorkerGrain Worker => GrainFactory.GetGrain<IMinerNetworkWorkerGrain>(Netuid);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Probes run on a grain timer rather than a reminder: 30 s is below the reminders' default minimum period, and a
        // round missed while the grain moves to another silo is just the next round. The metagraph reminder keeps
        // reactivating the grain, and with it this timer.
        this.RegisterGrainTimer(_ => StartProbeRoundAsync(), new GrainTimerCreationOptions
        {
            DueTime = _minerOptions.ProbeInterval,
            Period = _minerOptions.ProbeInterval,
            KeepAlive = true,
        });
        // The reference reads the metagraph once at start, then on the interval.
        await StartRefreshAsync();
        await PruneLedgerIfDueAsync();
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<IReadOnlyList<SelectedMiner>> SelectMinersAsync(string challengeId, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(challengeId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var self = Miners.ValidatorHotkey;
        var validators = Miners.Validators.ToHashSet(StringComparer.Ordinal);
        // Ordered by hotkey so the seeded draw sees the candidates in the same order on every call.
        var candidates = Miners.Metagraph
            .Where(node => node.HasEndpoint && node.Hotkey != self && !validators.Contains(node.Hotkey)
                && Miners.Availability.TryGetValue(node.Hotkey, out var probe) && probe.Available)
            .Select(node => (Node: node, Url: MinerAddress.FromChain(node.ChainIp, node.IpType, node.Port, MinerAddressUse.Dispatch)))
            .Where(candidate => candidate.Url is not null)
            .OrderBy(candidate => candidate.Node.Hotkey, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count < _minerOptions.MinMiners)
        {
            LogFewCandidates(logger, challengeId, candidates.Count, _minerOptions.MinMiners);
        }
        var weights = candidates.Select(candidate => Miners.PriorityWeights.GetValueOrDefault(candidate.Node.Hotkey, DefaultSelectionWeight)).ToList();
        var picked = MinerSelection.Sample(weights, Math.Min(count, _minerOptions.MaxMiners), new SelectionRandom(challengeId, self ?? ""));
        return Task.FromResult<IReadOnlyList<SelectedMiner>>([.. picked.Select(i => candidates[i]).Select(candidate => new SelectedMiner(
            candidate.Node.Hotkey, candidate.Node.Uid, candidate.Node.Coldkey, candidate.Node.Ip, candidate.Node.Port, candidate.Url!))]);
    }

    public Task<MinerNetworkView> GetMinerNetworkAsync() => Task.FromResult(new MinerNetworkView(
        [.. Miners.Metagraph],
        Miners.MetagraphAt,
        Miners.RefreshAttempts,
        Miners.LastRefreshError,
        [.. Miners.Validators],
        new Dictionary<string, double>(Miners.PriorityWeights, StringComparer.Ordinal),
        new Dictionary<string, ProbeResult>(Miners.Availability, StringComparer.Ordinal),
        Miners.ProbeRounds,
        Miners.ValidatorHotkey,
        Miners.LastLedgerPruneAt));

    public Task RefreshMinerNetworkAsync() => StartRefreshAsync();

    public Task ProbeMinersAsync() => StartProbeRoundAsync();

    public async Task ApplyMinerNetworkAsync(MinerNetworkRefresh refresh)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        _refreshStartedAt = null;
        Miners.ValidatorHotkey = refresh.ValidatorHotkey;
        Miners.RefreshAttempts++;
        if (refresh.Metagraph is { } metagraph)
        {
            LogOwnerChanges(Miners.Metagraph, metagraph);
            var hotkeys = metagraph.Select(node => node.Hotkey).ToHashSet(StringComparer.Ordinal);
            Miners.Metagraph = [.. metagraph];
            Miners.MetagraphAt = refresh.At;
            Miners.Availability = Miners.Availability.Where(entry => hotkeys.Contains(entry.Key))
                .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
        }
        if (refresh.Validators is { } validators)
        {
            Miners.Validators = [.. validators];
            Miners.ValidatorsAt = refresh.At;
        }
        if (refresh.PriorityWeights is { } priorityWeights)
        {
            Miners.PriorityWeights = new Dictionary<string, double>(priorityWeights, StringComparer.Ordinal);
            Miners.PriorityWeightsAt = refresh.At;
        }
        var errors = new[] { refresh.MetagraphError, refresh.ValidatorsError, refresh.PriorityWeightsError }.OfType<string>().ToList();
        Miners.LastRefreshError = errors.Count > 0 ? string.Join("; ", errors) : null;
        if (Miners.LastRefreshError is { } error)
        {
            LogRefreshIncomplete(logger, Netuid, error);
        }
        await state.WriteStateAsync();

        // Reported from the last good metagraph even when this read failed, as the reference reports its cached nodes.
        await EnqueueNetworkReportAsync(refresh.At);
        if (refresh.Metagraph is not null)
        {
            // New miners become selectable as soon as they answer, not one probe interval later.
            await StartProbeRoundAsync();
        }
    }

    public async Task ApplyProbeRoundAsync(long round, IReadOnlyList<ProbeResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        _probeStartedAt = null;
        var hotkeys = Miners.Metagraph.Select(node => node.Hotkey).ToHashSet(StringComparer.Ordinal);
        var available = 0;
        foreach (var result in results.Where(result => hotkeys.Contains(result.Hotkey)))
        {
            Miners.Availability[result.Hotkey] = result;
            available += result.Available ? 1 : 0;
        }
        Miners.ProbeRounds = Math.Max(Miners.ProbeRounds, round);
        await state.WriteStateAsync();
        LogProbeRound(logger, round, Netuid, available, results.Count);
    }

    private async Task OnMetagraphTickAsync()
    {
        await StartRefreshAsync();
        await PruneLedgerIfDueAsync();
    }

    private async Task StartRefreshAsync()
    {
        var now = timeProvider.GetUtcNow();
        if (_refreshStartedAt is { } started && now - started < _minerOptions.StaleRunAfter)
        {
            return;
        }
        _refreshStartedAt = now;
        await Worker.RefreshAsync([.. Miners.Metagraph]);
    }

    private async Task StartProbeRoundAsync()
    {
        var now = timeProvider.GetUtcNow();
        if (_probeStartedAt is { } started && now - started < _minerOptions.StaleRunAfter)
        {
            return;
        }
        // The reference probes every node with a port, itself included; our own axon tells us nothing.
        var targets = Miners.Metagraph
            .Where(node => node.HasEndpoint && node.Hotkey != Miners.ValidatorHotkey)
            .Select(node => (node.Hotkey, Url: MinerAddress.FromChain(node.ChainIp, node.IpType, node.Port, MinerAddressUse.Availability)))
            .Where(target => target.Url is not null)
            .Select(target => new ProbeTarget(target.Hotkey, target.Url!))
            .ToList();
        if (targets.Count == 0)
        {
            return;
        }
        _probeStartedAt = now;
        await Worker.ProbeAsync(Miners.ProbeRounds + 1, targets);
    }

    private async Task PruneLedgerIfDueAsync()
    {
        var now = timeProvider.GetUtcNow();
        if (Miners.LastLedgerPruneAt is { } last && now - last < _minerOptions.LedgerPruneInterval)
        {
            return;
        }
        Miners.LastLedgerPruneAt = now;
        await state.WriteStateAsync();
        await Worker.PruneLedgerAsync(now - _minerOptions.LedgerRetention);
    }

    private async Task EnqueueNetworkReportAsync(DateTimeOffset now)
    {
        if (Miners.ValidatorHotkey is not { } self || Miners.Metagraph.Count == 0)
        {
            return;
        }
        var message = MinerNetworkReports.Message(Netuid, now, _minerOptions.NetworkReportBucket, MinerNetworkReports.Build(self, Miners.Metagraph));
        try
        {
            await outbox.EnqueueAsync(message);
        }
        catch (DbException e)
        {
            // Observations are advisory and the next bucket reports them again.
            LogReportNotEnqueued(logger, e, message.MessageId);
        }
    }

    private void LogOwnerChanges(IEnumerable<MetagraphNode> previous, IEnumerable<MetagraphNode> current)
    {
        var byUid = previous.DistinctBy(node => node.Uid).ToDictionary(node => node.Uid);
        foreach (var node in current)
        {
            if (byUid.TryGetValue(node.Uid, out var old) && old.Hotkey != node.Hotkey)
            {
                LogUidOwnerChanged(logger, node.Uid, Netuid, old.Hotkey, node.Hotkey);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Challenge {ChallengeId}: only {Candidates} available miners, fewer than MIN_MINERS = {MinMiners}; sending to those")]
    private static partial void LogFewCandidates(ILogger logger, string challengeId, int candidates, int minMiners);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Miner-network refresh of netuid {Netuid} incomplete, keeping the last good values: {Error}")]
    private static partial void LogRefreshIncomplete(ILogger logger, int netuid, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "UID {Uid} of netuid {Netuid} changed owner: {OldHotkey} -> {NewHotkey}")]
    private static partial void LogUidOwnerChanged(ILogger logger, int uid, int netuid, string oldHotkey, string newHotkey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe round {Round} of netuid {Netuid}: {Available} of {Probed} miners available")]
    private static partial void LogProbeRound(ILogger logger, long round, int netuid, int available, int probed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The miner-network report {MessageId} could not be enqueued")]
    private static partial void LogReportNotEnqueued(ILogger logger, Exception exception, string messageId);
}
