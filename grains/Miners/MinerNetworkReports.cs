using System.Globalization;
using System.Text.Json;
using Loosh.Protocols.ChallengeApi;
using Loosh.Storage;

namespace Loosh.Grains.Miners;

/// <summary>
/// The miner-network observations the reference posts every 300 s (<c>POST /analytics/miner-network/bulk</c>,
/// evaluation.md §7.7, protocols.md §1.8), as an outbox message: kind <see cref="Kind"/>, the exact JSON body as payload,
/// and an id per netuid and time bucket, so a report is enqueued once per bucket however often it is attempted and a
/// failed send is retried by the dispatcher, never duplicated.
/// </summary>
public static class MinerNetworkReports
{
    public const string Kind = "miner-network";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The report of every served neuron but ourselves; IPs in the chain's integer form, ASN unknown (null).</summary>
    public static MinerNetworkReport Build(string validatorHotkey, IEnumerable<MetagraphNode> metagraph) => new(
        validatorHotkey,
        [.. metagraph
            .Where(node => node.HasEndpoint && node.Hotkey != validatorHotkey)
            .Select(node => new MinerObservation(node.Hotkey, node.ChainIp, node.Uid, node.Coldkey, node.Port, null, null))]);

    public static OutboxMessage Message(int netuid, DateTimeOffset now, TimeSpan bucket, MinerNetworkReport report)
    {
        var bucketStart = now.ToUnixTimeSeconds() / (long)bucket.TotalSeconds * (long)bucket.TotalSeconds;
        return new OutboxMessage(
            string.Create(CultureInfo.InvariantCulture, $"{Kind}:{netuid}:{bucketStart}"),
            Kind,
            JsonSerializer.Serialize(report, Json));
    }
}
