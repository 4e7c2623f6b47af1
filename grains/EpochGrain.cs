using System.Text.Json;
using Loosh.Chain.Extrinsics;
using Loosh.Chain.Rpc;
using Loosh.Chain.Subtensor;
using Loosh.Chain.Weights;
using Loosh.Evaluation.Weights;
using Loosh.Grains.Weights;
using Loosh.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Loosh.Grains;

/// <summary>Persisted state of <see cref="EpochGrain"/>.</summary>
public sealed class EpochState
{
    /// <summary>What the epoch was closed with; null until it is.</summary>
    public EpochCloseRequest? Request { get; set; }

    public EpochSnapshot? Snapshot { get; set; }

    /// <summary>The signed set_weights whose fate is not known yet; written before it is sent.</summary>
    public SignedSetWeights? InFlight { get; set; }
}

/// <summary>
/// One weights epoch: gathers the inputs, computes the weights (evaluation), fits them to the subnet and pre-checks
/// them (chain), and submits set_weights signed by the validator's hotkey. Attempts run on the grain's own reminder,
/// which also resumes an epoch after a crash. The signed extrinsic is persisted before it is sent and only ever
/// re-sent as the same bytes (same nonce), so an epoch cannot put weights on chain twice.
/// </summary>
public sealed partial class EpochGrain(
    [PersistentState("epoch", StorageNames.Default)] IPersistentState<EpochState> state,
    ValidatorLedger ledger,
    IOptions<WeightsOptions> options,
    TimeProvider time,
    ILogger<EpochGrain> logger) : Grain, IEpochGrain, IRemindable
{
    internal const string AttemptReminder = "epoch-attempt";

    private readonly WeightsOptions _options = options.Value;

    private (int Netuid, long Epoch) Key => EpochKey.Parse(this.GetPrimaryKeyString());

    public async Task<EpochSnapshot> CloseAsync(EpochCloseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Snapshot is { } existing)
        {
            // The ledger row is an idempotent upsert: writing it again repairs a row a crash left out; likewise an
            // unfinished epoch gets its reminder back if it was lost.
            await RecordInLedgerAsync(existing);
            if (!IsFinal(existing) && await this.GetReminder(AttemptReminder) is null)
            {
                await this.RegisterOrUpdateReminder(AttemptReminder, _options.RetryDelay, _options.RetryDelay);
            }
            return existing;
        }
        // The reminder comes first: if the silo dies right after, it fires, finds no request and removes itself.
        await this.RegisterOrUpdateReminder(AttemptReminder, _options.RetryDelay, _options.RetryDelay);
        var (netuid, epoch) = Key;
        var now = time.GetUtcNow();
        state.State.Request = request;
        var snapshot = new EpochSnapshot(netuid, epoch, EpochStatus.Open, null, [], [], null, null, null, 0, now, now, now);
        await SaveAsync(snapshot);
        // The first attempt runs in its own turn right away, so the caller is not held up by chain round trips.
        this.RegisterGrainTimer(AttemptAsync, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return snapshot;
    }

    public Task<EpochSnapshot?> GetAsync() => Task.FromResult(state.State.Snapshot);

    public Task ReceiveReminder(string reminderName, TickStatus status) => AttemptAsync(CancellationToken.None);

    private async Task AttemptAsync(CancellationToken cancellationToken)
    {
        if (state.State is not { Request: { } request, Snapshot: { } snapshot } || IsFinal(snapshot))
        {
            await StopRemindingAsync();
            return;
        }
        var now = time.GetUtcNow();
        if (state.State.InFlight is null && now >= request.RetryUntil)
        {
            await FinishAsync(snapshot with
            {
                Status = EpochStatus.Failed,
                Message = snapshot.Message ?? "the epoch ended before an attempt finished",
                RetryAt = null,
                UpdatedAt = now,
            });
            return;
        }

        try
        {
            snapshot = state.State.InFlight is { } inFlight
                ? await ConfirmAsync(inFlight, snapshot, request, cancellationToken)
                : await RunAsync(snapshot, request, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAttemptFailed(logger, e, snapshot.Epoch, snapshot.Netuid);
            snapshot = state.State.InFlight is null
                ? Failed(snapshot, request, e.Message)
                : snapshot with { Status = EpochStatus.Sending, Message = $"sent, unconfirmed: {e.Message}", UpdatedAt = time.GetUtcNow() };
        }
        await FinishAsync(snapshot);
    }

    /// <summary>A fresh attempt: read, compute, fit, pre-check, sign, persist, send.</summary>
    private async Task<EpochSnapshot> RunAsync(EpochSnapshot snapshot, EpochCloseRequest request, CancellationToken cancellationToken)
    {
        // Resolved per attempt, not at activation: a wallet or Challenge API misconfiguration then fails the attempt
        // with a message in the epoch's record instead of failing the grain.
        var reader = ServiceProvider.GetRequiredService<EpochInputsReader>();
        var chain = ServiceProvider.GetRequiredService<WeightsChain>();
        var (netuid, epoch) = Key;
        snapshot = snapshot with { Attempts = snapshot.Attempts + 1 };

        var gathered = await reader.ReadAsync(netuid, request.PreviousEpoch, cancellationToken);
        var decision = WeightComputation.Compute(gathered.Inputs);
        if (PenaltyReports.Message(netuid, epoch, chain.Hotkey, gathered.Inputs.Now, decision.Penalties) is { } report)
        {
            await ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync(report, cancellationToken);
        }
        snapshot = snapshot with
        {
            Inputs = gathered.Record,
            Weights = [.. decision.Weights.Select(w => new GrainInterfaces.UidWeight(w.Uid, w.Weight))],
        };
        if (decision.SkipReason is { } reason)
        {
            return Final(snapshot, EpochStatus.Skipped, SkipMessage(reason, decision.Mode));
        }

        var parameters = gathered.Chain.Parameters;
        var limits = new SubnetWeightLimits(parameters.NeuronCount, parameters.MinAllowedWeights, parameters.MaxWeightsLimit);
        var chainWeights = WeightConversion.ToChainWeights(WeightProcessing.ProcessForSubnet(
            [.. decision.Weights.Select(w => checked((ushort)w.Uid))], [.. decision.Weights.Select(w => w.Weight)], limits));
        snapshot = snapshot with { ChainWeights = [.. chainWeights.Uids.Zip(chainWeights.Values, (uid, value) => new ChainWeight(uid, value))] };

        var problems = WeightPrecheck.Check(parameters, gathered.Chain.Standing, chainWeights, parameters.WeightsVersionKey);
        var detail = string.Join("; ", problems.Select(p => p.Detail));
        if (problems.Any(p => p.Refusal == WeightRefusal.CommitRevealEnabled))
        {
            // The runtime refuses plain set_weights on such a subnet and timelocked commits are not implemented: no
            // retry within the epoch can change that, so the epoch ends here.
            return Final(snapshot, EpochStatus.Failed, $"not sent: {detail}");
        }
        if (problems.Any(p => p.Refusal == WeightRefusal.RateLimited))
        {
            return Final(snapshot, EpochStatus.Skipped, $"rate limited: {detail}");
        }
        if (problems.Count > 0)
        {
            return Failed(snapshot, request, $"not sent: {detail}");
        }

        var signed = await chain.SignAsync(checked((ushort)netuid), chainWeights, parameters.WeightsVersionKey, gathered.Chain.Standing!, cancellationToken);
        state.State.InFlight = signed;
        snapshot = snapshot with
        {
            Status = EpochStatus.Sending,
            ExtrinsicHash = signed.ExtrinsicHash,
            Message = null,
            RetryAt = null,
            UpdatedAt = time.GetUtcNow(),
        };
        await SaveAsync(snapshot);
        return await SendAsync(chain, signed, snapshot, request, cancellationToken);
    }

    /// <summary>
    /// An attempt that finds a signed extrinsic of an earlier one (a crash or an unknown outcome): landed if our last
    /// update moved past the one it was signed at; signed afresh if its era is over; otherwise the same bytes again.
    /// </summary>
    private async Task<EpochSnapshot> ConfirmAsync(SignedSetWeights inFlight, EpochSnapshot snapshot, EpochCloseRequest request, CancellationToken cancellationToken)
    {
        var chain = ServiceProvider.GetRequiredService<WeightsChain>();
        var netuid = checked((ushort)Key.Netuid);
        if (await LandedAsync(chain, netuid, inFlight, snapshot, cancellationToken) is { } landed)
        {
            return landed;
        }
        if (await chain.BestBlockAsync(cancellationToken) > inFlight.ValidUntilBlock)
        {
            state.State.InFlight = null;
            return time.GetUtcNow() < request.RetryUntil
                ? await RunAsync(snapshot, request, cancellationToken)
                : Final(snapshot, EpochStatus.Failed, "the extrinsic expired without setting weights and the epoch is over");
        }
        return await SendAsync(chain, inFlight, snapshot, request, cancellationToken);
    }

    private async Task<EpochSnapshot> SendAsync(WeightsChain chain, SignedSetWeights signed, EpochSnapshot snapshot, EpochCloseRequest request, CancellationToken cancellationToken)
    {
        var netuid = checked((ushort)Key.Netuid);
        ExtrinsicOutcome outcome;
        try
        {
            outcome = await chain.SubmitAsync(signed, cancellationToken);
        }
        catch (TransactionRejectedException e) when (e.InnerException is RpcErrorException)
        {
            // The pool refused these bytes, so they are pending nowhere. A resend after a crash is refused as stale once
            // the first send was included: whether weights were set then shows in our last update.
            if (await LandedAsync(chain, netuid, signed, snapshot, cancellationToken) is { } landed)
            {
                return landed;
            }
            state.State.InFlight = null;
            return Failed(snapshot, request, e.Message);
        }
        catch (Exception e) when (e is TransactionRejectedException or RpcErrorException or RpcConnectionException or TimeoutException)
        {
            // Not included in time, or no answer: it may still land, so it stays in flight and is never signed again
            // until the chain shows it landed or its era is over.
            return snapshot with { Status = EpochStatus.Sending, Message = $"sent, unconfirmed: {e.Message}", UpdatedAt = time.GetUtcNow() };
        }

        state.State.InFlight = null;
        if (!outcome.Succeeded)
        {
            // Dispatch failed: the nonce is spent but no weights were set, so a new attempt cannot double them.
            return Failed(snapshot, request, $"set_weights failed in block {Hex.Encode(outcome.BlockHash)}: {outcome.Error}");
        }
        var standing = await chain.GetStandingAsync(netuid, cancellationToken);
        return Final(snapshot, EpochStatus.Submitted, $"included in block {Hex.Encode(outcome.BlockHash)}") with
        {
            Block = standing is null ? null : (long)standing.LastUpdate,
        };
    }

    private async Task<EpochSnapshot?> LandedAsync(WeightsChain chain, ushort netuid, SignedSetWeights signed, EpochSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (await chain.GetStandingAsync(netuid, cancellationToken) is not { } standing || standing.LastUpdate <= signed.LastUpdateBefore)
        {
            return null;
        }
        state.State.InFlight = null;
        return Final(snapshot, EpochStatus.Submitted, "confirmed by the chain: our last weight update moved past the one it was signed at") with
        {
            Block = (long)standing.LastUpdate,
        };
    }

    private EpochSnapshot Final(EpochSnapshot snapshot, EpochStatus status, string message) =>
        snapshot with { Status = status, Message = message, RetryAt = null, UpdatedAt = time.GetUtcNow() };

    /// <summary>A failed attempt, retried after the retry delay while that is still within the epoch.</summary>
    private EpochSnapshot Failed(EpochSnapshot snapshot, EpochCloseRequest request, string message)
    {
        var now = time.GetUtcNow();
        var retryAt = now + _options.RetryDelay;
        return snapshot with
        {
            Status = EpochStatus.Failed,
            Message = message,
            RetryAt = retryAt < request.RetryUntil ? retryAt : null,
            UpdatedAt = now,
        };
    }

    private static string SkipMessage(WeightSkipReason reason, OperatingMode mode) => reason switch
    {
        WeightSkipReason.RateLimited => "rate limited: too few blocks since our last weight update",
        WeightSkipReason.NoServingMiners => "no serving miners",
        _ => $"every score is zero in {LedgerNames.Of(mode)} mode; the weights on chain are kept",
    };

    private static bool IsFinal(EpochSnapshot snapshot) =>
        snapshot.Status is EpochStatus.Skipped or EpochStatus.Submitted || snapshot is { Status: EpochStatus.Failed, RetryAt: null };

    private async Task FinishAsync(EpochSnapshot snapshot)
    {
        await SaveAsync(snapshot);
        LogAttempt(logger, snapshot.Epoch, snapshot.Netuid, snapshot.Status, snapshot.Message);
        if (IsFinal(snapshot))
        {
            await StopRemindingAsync();
        }
    }

    private async Task StopRemindingAsync()
    {
        if (await this.GetReminder(AttemptReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task SaveAsync(EpochSnapshot snapshot)
    {
        state.State.Snapshot = snapshot;
        await state.WriteStateAsync();
        await RecordInLedgerAsync(snapshot);
    }

    private Task RecordInLedgerAsync(EpochSnapshot snapshot) =>
        ledger.RecordWeightSubmissionAsync(new WeightSubmissionEntry(
            snapshot.Netuid, snapshot.Epoch, LedgerNames.Of(snapshot.Status),
            JsonSerializer.Serialize(snapshot.Weights.ToDictionary(w => w.Uid, w => w.Weight)),
            snapshot.ExtrinsicHash, snapshot.Block, snapshot.Message));

    [LoggerMessage(Level = LogLevel.Information, Message = "Epoch {Epoch} of netuid {Netuid}: {Status} {Message}")]
    private static partial void LogAttempt(ILogger logger, long epoch, int netuid, EpochStatus status, string? message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weights attempt of epoch {Epoch} of netuid {Netuid} failed")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, long epoch, int netuid);
}
