using System.Collections.Concurrent;
using Loosh.Grains.Services;
using Loosh.Protocols.ChallengeApi;
using Loosh.Protocols.Miners;
using Loosh.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Loosh.Grains.Miners;

/// <summary>
/// The network I/O of the miner side, done away from the validator grain: metagraph reads, Challenge API look-ups,
/// availability probes and ledger pruning. Every method is one-way and reports back through a short call on
/// <see cref="IValidatorGrain"/>, so the validator grain never spends its turn waiting on a chain node, the
/// Challenge API or a few hundred miners, and selections keep being answered while a round runs.
/// A stateless worker because it holds nothing between calls and may run on whichever silo receives the call.
/// </summary>
[Alias("Loosh.IMinerNetworkWorkerGrain")]
public interface IMinerNetworkWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Reads the metagraph, validator list and priority weights, updates the miner grains, and reports the result.</summary>
    /// <param name="previous">The last good metagraph: hotkeys in it but not in the new one are marked deregistered.</param>
    [Alias("Refresh"), OneWay]
    Task RefreshAsync(IReadOnlyList<MetagraphNode> previous);

    /// <summary>Probes every target with bounded concurrency, records each result in its miner grain, and reports the round.</summary>
    [Alias("Probe"), OneWay]
    Task ProbeAsync(long round, IReadOnlyList<ProbeTarget> targets);

    /// <summary>Deletes ledger challenges and delivered outbox messages older than <paramref name="cutoff"/>.</summary>
    [Alias("PruneLedger"), OneWay]
    Task PruneLedgerAsync(DateTimeOffset cutoff);
}

/// <summary>A miner to probe and the base URL its availability route answers on.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.ProbeTarget")]
public sealed record ProbeTarget([property: Id(0)] string Hotkey, [property: Id(1)] Uri Address);

/// <summary>The stateless worker behind <see cref="IMinerNetworkWorkerGrain"/>; keyed by netuid.</summary>
[StatelessWorker]
public sealed partial class MinerNetworkWorker(
    IMetagraphSource metagraphSource,
    ChallengeApiClient challengeApi,
    MinerClient minerClient,
    ValidatorIdentity identity,
    ValidatorLedger ledger,
    Outbox outbox,
    IOptions<MinerNetworkOptions> options,
    TimeProvider timeProvider,
    ILogger<MinerNetworkWorker> logger) : Grain, IMinerNetworkWorkerGrain
{
    private readonly MinerNetworkOptions _options = options.Value;

    private int Netuid => (int)this.GetPrimaryKeyLong();

    private IValidatorGrain Validator => GrainFactory.GetGrain<IValidatorGrain>(Netuid);

    public async Task RefreshAsync(IReadOnlyList<MetagraphNode> previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var at = timeProvider.GetUtcNow();
        var (metagraph, metagraphError) = await ReadMetagraphAsync();
        var validators = await challengeApi.RefreshValidatorsAsync(CancellationToken.None);
        var hotkeys = (metagraph ?? previous).Select(node => node.Hotkey).ToList();
        var scores = hotkeys.Count > 0 ? await challengeApi.GetSybilScoresAsync(hotkeys, CancellationToken.None) : null;

        if (metagraph is not null)
        {
            metagraphError = await UpdateMinerGrainsAsync(previous, metagraph, at);
            metagraph = metagraphError is null ? metagraph : null;
        }
        await Validator.ApplyMinerNetworkAsync(new MinerNetworkRefresh(
            at,
            identity.Ss58Address,
            metagraph,
            metagraphError,
            validators.Refreshed ? [.. validators.Validators.Order(StringComparer.Ordinal)] : null,
            validators.Failure,
            scores?.Value?.ToDictionary(entry => entry.Key, entry => entry.Value.PriorityWeight, StringComparer.Ordinal),
            scores?.Failure));
    }

    public async Task ProbeAsync(long round, IReadOnlyList<ProbeTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var results = new ConcurrentBag<ProbeResult>();
        // Parallel.ForEachAsync runs its bodies on the thread pool, where the activation's own services are off limits.
        var grains = GrainFactory;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentProbes }, async (target, ct) =>
        {
            var availability = await minerClient.CheckAvailabilityAsync(target.Address, ct);
            var result = new ProbeResult(target.Hotkey, availability.Available, timeProvider.GetUtcNow(), availability.Reason);
            try
            {
                await grains.GetGrain<IMinerGrain>(target.Hotkey).RecordProbeAsync(new AvailabilityProbe(result.Available, result.At, result.Error));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The round still counts: selection uses the validator's copy, and the next round records it again.
                LogProbeNotRecorded(logger, e, target.Hotkey);
            }
            results.Add(result);
        });
        await Validator.ApplyProbeRoundAsync(round, [.. results]);
    }

    public async Task PruneLedgerAsync(DateTimeOffset cutoff)
    {
        try
        {
            var challenges = await ledger.PruneAsync(cutoff);
            var messages = await outbox.PruneDeliveredAsync(cutoff);
            LogPruned(logger, challenges, messages, cutoff);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Pruning is housekeeping: the next run deletes the same rows.
            LogPruneFailed(logger, e, cutoff);
        }
    }

    private async Task<(IReadOnlyList<MetagraphNode>? Nodes, string? Error)> ReadMetagraphAsync()
    {
        using var timeout = new CancellationTokenSource(_options.MetagraphReadTimeout);
        try
        {
            return (await metagraphSource.ReadAsync(Netuid, timeout.Token), null);
        }
        catch (Exception e)
        {
            // Whatever the chain client throws (connection, RPC error, decoding, timeout), the last good metagraph stays.
            LogMetagraphFailed(logger, e, Netuid);
            return (null, $"The metagraph could not be read: {e.Message}");
        }
    }

    /// <summary>Registers every current hotkey and deregisters the ones that left; returns why it failed, or null.</summary>
    private async Task<string?> UpdateMinerGrainsAsync(IReadOnlyList<MetagraphNode> previous, IReadOnlyList<MetagraphNode> current, DateTimeOffset at)
    {
        var currentHotkeys = current.Select(node => node.Hotkey).ToHashSet(StringComparer.Ordinal);
        var departed = previous.Where(node => !currentHotkeys.Contains(node.Hotkey)).Select(node => node.Hotkey).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentProbes };
        var grains = GrainFactory;
        try
        {
            await Parallel.ForEachAsync(current, parallel, async (node, _) =>
                await grains.GetGrain<IMinerGrain>(node.Hotkey).UpdateRegistrationAsync(
                    new MinerRegistration(node.Uid, node.Coldkey, node.Ip, node.Port, node.StakeTao)));
            await Parallel.ForEachAsync(departed, parallel, async (hotkey, _) =>
                await grains.GetGrain<IMinerGrain>(hotkey).MarkDeregisteredAsync(at));
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not applying this metagraph keeps the old one as the base of the next diff, so nobody's departure is lost.
            LogMinerGrainsFailed(logger, e, Netuid);
            return $"The miner grains could not be updated: {e.Message}";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the metagraph of netuid {Netuid} failed; keeping the last good one")]
    private static partial void LogMetagraphFailed(ILogger logger, Exception exception, int netuid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the miner grains of netuid {Netuid} failed; the metagraph is not applied")]
    private static partial void LogMinerGrainsFailed(ILogger logger, Exception exception, int netuid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The probe of miner {Hotkey} could not be recorded in its grain")]
    private static partial void LogProbeNotRecorded(ILogger logger, Exception exception, string hotkey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger pruned: {Challenges} challenges and {Messages} delivered outbox messages older than {Cutoff}")]
    private static partial void LogPruned(ILogger logger, int challenges, int messages, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the ledger before {Cutoff} failed")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception, DateTimeOffset cutoff);
}
