using System.Text.Json;
using Loosh.Evaluation.Weights;
using Loosh.Storage;

namespace Loosh.Grains;

/// <summary>Persisted state of <see cref="EpochGrain"/>; <see cref="Closed"/> is null until the epoch is closed.</summary>
public sealed class EpochState
{
    public EpochSnapshot? Closed { get; set; }
}

/// <summary>
/// One weights epoch. Closing is idempotent: the result of the first close is persisted before it is returned,
/// and every later close (a retried reminder tick, a second silo) gets that result back without recomputing.
/// </summary>
public sealed class EpochGrain(
    [PersistentState("epoch", StorageNames.Default)] IPersistentState<EpochState> state,
    ValidatorLedger ledger,
    TimeProvider timeProvider) : Grain, IEpochGrain
{
    public async Task<EpochSnapshot> CloseAsync(EpochInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (state.State.Closed is not { } snapshot)
        {
            var (netuid, epoch) = EpochKey.Parse(this.GetPrimaryKeyString());
            snapshot = Compute(netuid, epoch, inputs, timeProvider.GetUtcNow());
            state.State.Closed = snapshot;
            await state.WriteStateAsync();
        }
        // The ledger row is an idempotent upsert, written on every close: a retry repairs a row a crash left out.
        await ledger.RecordWeightSubmissionAsync(new WeightSubmissionEntry(
            snapshot.Netuid, snapshot.Epoch, LedgerNames.Of(snapshot.Status),
            JsonSerializer.Serialize(snapshot.Weights.ToDictionary(w => w.Uid, w => w.Weight)),
            snapshot.ExtrinsicHash, snapshot.Block, snapshot.Message));
        return snapshot;
    }

    public Task<EpochSnapshot?> GetAsync() => Task.FromResult(state.State.Closed);

    private static EpochSnapshot Compute(int netuid, long epoch, EpochInputs inputs, DateTimeOffset now)
    {
        if (inputs.Scores.Count == 0)
        {
            return new EpochSnapshot(netuid, epoch, EpochStatus.Skipped, inputs, [], null, null, "no scored miners", now);
        }

        var weights = WeightNormalization.Normalize([.. inputs.Scores.Select(s => s.Score)]);
        if (weights is null)
        {
            return new EpochSnapshot(netuid, epoch, EpochStatus.Skipped, inputs, [], null, null,
                "every score is zero; the weights on chain are kept", now);
        }

        var byUid = inputs.Scores.Select((score, i) => new GrainInterfaces.UidWeight(score.Uid, weights[i])).ToArray();
        return new EpochSnapshot(netuid, epoch, EpochStatus.Computed, inputs, byUid, null, null, null, now);
    }
}
