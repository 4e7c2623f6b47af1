using Loosh.Evaluation.Weights;
using Loosh.Protocols.ChallengeApi;
using Microsoft.Extensions.Options;

namespace Loosh.Grains.Weights;

/// <summary>Everything one attempt read: the computation's inputs, the chain state it was read from, and the record of both.</summary>
public sealed record GatheredInputs(WeightInputs Inputs, ChainView Chain, EpochInputs Record);

/// <summary>
/// Gathers one epoch's inputs (evaluation.md §9.2): the chain (parameters, our standing, the metagraph), the serving
/// miners, each miner's emissions from its grain, and the sybil scores with the reference's fallbacks.
/// </summary>
public sealed class EpochInputsReader(
    WeightsChain chain,
    ChallengeApiClient challengeApi,
    SybilScoreCache sybilScores,
    IGrainFactory grains,
    IOptions<WeightsOptions> options,
    TimeProvider time)
{
    /// <summary>Reads the inputs of an epoch of <paramref name="netuid"/>; the epoch before (<paramref name="previousEpoch"/>)
    /// lends its recorded sybil scores when nothing fresher can be had.</summary>
    public async Task<GatheredInputs> ReadAsync(int netuid, long? previousEpoch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var view = await chain.ReadAsync(checked((ushort)netuid), cancellationToken);
        var validators = await ValidatorsAsync(cancellationToken);
        var serving = ServingMiners.Select(view.Neurons, chain.Hotkey, validators);

        var since = now - MovingAverage.Lookback;
        var minerInputs = await Task.WhenAll(serving.Select(miner => grains.GetGrain<IMinerGrain>(miner.Hotkey).GetScoreInputsAsync(since)));
        var lastSuccess = minerInputs.ToDictionary(m => m.Hotkey, LastSuccess, StringComparer.Ordinal);
        var records = EmissionRecords.From(minerInputs);
        var sybil = await SybilScoresAsync(netuid, previousEpoch, [.. serving.Select(m => m.Hotkey)], cancellationToken);

        // Without a standing the hotkey is not registered and nothing can be set; the run still computes what it would
        // have set, with the reference's fallback for an unknown last update (NORMAL, no rate limit).
        var blocksSinceLastUpdate = view.Standing is { } standing ? (long)standing.BlocksSinceLastUpdate : (long?)null;
        var inputs = new WeightInputs(
            now,
            blocksSinceLastUpdate,
            (long)view.Parameters.WeightsRateLimit,
            [.. serving.Select(m => new ServingMiner(m.Uid, m.Hotkey, lastSuccess[m.Hotkey]))],
            records,
            sybil.Scores);

        var ema = MovingAverage.Compute(records, now);
        var counts = minerInputs.ToDictionary(m => m.Hotkey, m => m.Emissions.Count, StringComparer.Ordinal);
        var record = new EpochInputs(
            LedgerNames.Of(OperatingModes.FromBlocksSinceLastUpdate(blocksSinceLastUpdate)),
            blocksSinceLastUpdate,
            inputs.WeightsRateLimit,
            LedgerNames.Of(sybil.Source),
            [.. serving.Select(m => new EpochMiner(
                m.Uid, m.Hotkey, lastSuccess[m.Hotkey], counts[m.Hotkey], ema.GetValueOrDefault(m.Hotkey),
                sybil.Scores?.TryGetValue(m.Hotkey, out var score) == true ? score : null))]);
        return new(inputs, view, record);
    }

    private DateTimeOffset? LastSuccess(MinerScoreInputs miner) =>
        options.Value.Freshness == FreshnessBasis.Availability ? miner.LastAvailableAt : miner.LastAnsweredAt;

    /// <summary>The Challenge API's validator list, or the last one it gave; null (use the stake rule) when there never was one.</summary>
    private async Task<IReadOnlySet<string>?> ValidatorsAsync(CancellationToken cancellationToken)
    {
        var result = await challengeApi.RefreshValidatorsAsync(cancellationToken);
        return result.Refreshed || result.Validators.Count > 0 ? result.Validators : null;
    }

    private async Task<SybilScoreLookup> SybilScoresAsync(int netuid, long? previousEpoch, IReadOnlyCollection<string> hotkeys, CancellationToken cancellationToken)
    {
        var lookup = await sybilScores.GetAsync(hotkeys, cancellationToken);
        if (lookup.Scores is not null || previousEpoch is not { } previous)
        {
            return lookup;
        }
        var recorded = await grains.GetGrain<IEpochGrain>(EpochKey.Format(netuid, previous)).GetAsync();
        var scores = recorded?.Inputs?.Miners
            .Where(miner => miner.SybilScore is not null)
            .ToDictionary(miner => miner.Hotkey, miner => miner.SybilScore!.Value, StringComparer.Ordinal);
        return scores is { Count: > 0 } ? new(scores, SybilScoreSource.PreviousEpoch) : lookup;
    }
}
