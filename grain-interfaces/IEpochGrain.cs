namespace Loosh.GrainInterfaces;

/// <summary>
/// One weights epoch of one subnet, keyed by <see cref="EpochKey"/>. Closes once: the first close records
/// the inputs and the computed weights; every later close returns that same result.
/// </summary>
[Alias("Loosh.IEpochGrain")]
public interface IEpochGrain : IGrainWithStringKey
{
    [Alias("Close")]
    Task<EpochSnapshot> CloseAsync(EpochInputs inputs);

    /// <summary>The epoch's state, or null when it was never closed.</summary>
    [Alias("Get")]
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

/// <summary>A miner's score going into an epoch.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.MinerScore")]
public sealed record MinerScore([property: Id(0)] string Hotkey, [property: Id(1)] int Uid, [property: Id(2)] double Score);

[GenerateSerializer, Immutable, Alias("Loosh.EpochInputs")]
public sealed record EpochInputs([property: Id(0)] IReadOnlyList<MinerScore> Scores);

[GenerateSerializer, Alias("Loosh.EpochStatus")]
public enum EpochStatus
{
    /// <summary>Weights computed; not yet on chain.</summary>
    Computed = 0,
    /// <summary>Nothing to set (no miners, or every score zero): the chain keeps its current weights.</summary>
    Skipped = 1,
    Submitted = 2,
    Failed = 3,
}

/// <summary>A weight for one UID.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.UidWeight")]
public sealed record UidWeight([property: Id(0)] int Uid, [property: Id(1)] double Weight);

[GenerateSerializer, Immutable, Alias("Loosh.EpochSnapshot")]
public sealed record EpochSnapshot(
    [property: Id(0)] int Netuid,
    [property: Id(1)] long Epoch,
    [property: Id(2)] EpochStatus Status,
    [property: Id(3)] EpochInputs Inputs,
    [property: Id(4)] IReadOnlyList<UidWeight> Weights,
    [property: Id(5)] string? ExtrinsicHash,
    [property: Id(6)] long? Block,
    [property: Id(7)] string? Message,
    [property: Id(8)] DateTimeOffset ClosedAt);
