using Orleans.Concurrency;

namespace Loosh.GrainInterfaces;

/// <summary>
/// One weights epoch of one subnet, keyed by <see cref="EpochKey"/>. Closing opens the epoch once; the grain then
/// gathers its inputs, computes the weights and submits them on its own reminder, retrying a failure until
/// <see cref="EpochCloseRequest.RetryUntil"/>. An epoch never puts weights on chain twice.
/// </summary>
[Alias("Loosh.IEpochGrain")]
public interface IEpochGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the epoch and returns at once (the work runs in the grain's own turns, so the caller is not held up by
    /// chain round trips). Idempotent: later calls return the current state and change nothing.
    /// </summary>
    [Alias("Close")]
    Task<EpochSnapshot> CloseAsync(EpochCloseRequest request);

    /// <summary>The epoch's state, or null when it was never closed. Answers even while an attempt is under way.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<EpochSnapshot?> GetAsync();
}

/// <summary>The grain key of an epoch: "{netuid}/{epoch}".</summary>
public static class EpochKey
{
    public static string Format(int netuid, long epoch) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{netuid}/{epoch}");

    public static (int Netuid, long Epoch) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var netuid)
            || !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var epoch))
        {
            throw new FormatException($"'{key}' is not an epoch key of the form netuid/epoch.");
        }
        return (netuid, epoch);
    }
}

/// <summary>
/// What the validator hands an epoch when it closes it.
/// </summary>
/// <param name="PreviousEpoch">The epoch closed before this one, whose sybil scores stand in when the Challenge API
/// and the in-memory cache have none (the reference's file cache).</param>
/// <param name="RetryUntil">Failed attempts are retried until this time (the end of the epoch).</param>
[GenerateSerializer, Immutable, Alias("Loosh.EpochCloseRequest")]
public sealed record EpochCloseRequest([property: Id(0)] long? PreviousEpoch, [property: Id(1)] DateTimeOffset RetryUntil);

[GenerateSerializer, Alias("Loosh.EpochStatus")]
public enum EpochStatus
{
    /// <summary>Opened; the first attempt has not finished.</summary>
    Open = 0,

    /// <summary>Nothing to set (rate limit, no serving miner, every score zero): the chain keeps its weights. Final.</summary>
    Skipped = 1,

    /// <summary>A signed set_weights was sent (or is about to be) and its fate is not known yet; never signed again
    /// unless the chain shows it cannot land any more.</summary>
    Sending = 2,

    /// <summary>The weights are on chain. Final.</summary>
    Submitted = 3,

    /// <summary>The last attempt failed; retried until the epoch ends unless <see cref="EpochSnapshot.RetryAt"/> is null.</summary>
    Failed = 4,
}

/// <summary>A weight for one UID, as computed (floats summing to one).</summary>
[GenerateSerializer, Immutable, Alias("Loosh.UidWeight")]
public sealed record UidWeight([property: Id(0)] int Uid, [property: Id(1)] double Weight);

/// <summary>A weight for one UID as sent on chain (u16, the largest 65535).</summary>
[GenerateSerializer, Immutable, Alias("Loosh.ChainWeight")]
public sealed record ChainWeight([property: Id(0)] int Uid, [property: Id(1)] int Value);

/// <summary>One serving miner as the epoch saw it.</summary>
/// <param name="Uid">Its UID at the time.</param>
/// <param name="Hotkey">Its hotkey.</param>
/// <param name="LastSuccess">What the freshness gate judged by (the last answered challenge by default).</param>
/// <param name="Emissions">How many emissions in the 24 h window went into its moving average.</param>
/// <param name="Ema">Its moving average before the freshness gate and the sybil penalty.</param>
/// <param name="SybilScore">Its sybil score, or null when none was known.</param>
[GenerateSerializer, Immutable, Alias("Loosh.EpochMiner")]
public sealed record EpochMiner(
    [property: Id(0)] int Uid,
    [property: Id(1)] string Hotkey,
    [property: Id(2)] DateTimeOffset? LastSuccess,
    [property: Id(3)] int Emissions,
    [property: Id(4)] double Ema,
    [property: Id(5)] double? SybilScore);

/// <summary>What one attempt read: the mode, the rate limit, where the sybil scores came from, the serving miners.</summary>
/// <param name="Mode">"normal", "degraded" or "emergency".</param>
/// <param name="BlocksSinceLastUpdate">Blocks since our last weight update, or null when unknown.</param>
/// <param name="WeightsRateLimit">The subnet's rate limit in blocks.</param>
/// <param name="SybilSource">"api", "cache", "stale_cache", "previous_epoch" or "none" (no penalty, fail-open).</param>
/// <param name="Miners">The serving miners, by UID.</param>
[GenerateSerializer, Immutable, Alias("Loosh.EpochInputs")]
public sealed record EpochInputs(
    [property: Id(0)] string Mode,
    [property: Id(1)] long? BlocksSinceLastUpdate,
    [property: Id(2)] long? WeightsRateLimit,
    [property: Id(3)] string SybilSource,
    [property: Id(4)] IReadOnlyList<EpochMiner> Miners);

[GenerateSerializer, Immutable, Alias("Loosh.EpochSnapshot")]
public sealed record EpochSnapshot(
    [property: Id(0)] int Netuid,
    [property: Id(1)] long Epoch,
    [property: Id(2)] EpochStatus Status,
    [property: Id(3)] EpochInputs? Inputs,
    [property: Id(4)] IReadOnlyList<UidWeight> Weights,
    [property: Id(5)] IReadOnlyList<ChainWeight> ChainWeights,
    [property: Id(6)] string? ExtrinsicHash,
    [property: Id(7)] long? Block,
    [property: Id(8)] string? Message,
    [property: Id(9)] int Attempts,
    [property: Id(10)] DateTimeOffset OpenedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt,
    [property: Id(12)] DateTimeOffset? RetryAt);
