using System.Text.Json;
using Loosh.Devnet;
using Loosh.Grains.Miners;
using Loosh.Storage;

namespace Loosh.Grains.Tests.Miners;

/// <summary>The miner-network report goes through the outbox, once per time bucket, with the body the API expects.</summary>
public sealed class MinerNetworkReportTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_refresh_enqueues_the_report_of_every_served_neuron_but_ourselves()
    {
        var unserved = MinerNetworkHarness.RandomHotkey();
        await using var harness = await MinerNetworkHarness.StartAsync(_database, [new MinerBehaviour.Honest()],
            devnet => [MinerNetworkHarness.Node(devnet.Miners[0], 4), MinerNetworkHarness.Node(devnet.Miners[0], 9, MinerNetworkHarness.OurHotkey),
                MinerNetworkHarness.Unserved(unserved, 5)]);
        var view = await harness.WaitAsync(v => v.MetagraphAt is not null, "the refresh at start");
        var messageId = await Eventually.MatchAsync(
            () => _database.ScalarAsync<string>("SELECT message_id FROM outbox WHERE kind = 'miner-network'"),
            id => id is not null, TimeSpan.FromSeconds(60), "the report in the outbox");

        var bucket = view.MetagraphAt!.Value.ToUnixTimeSeconds() / 300 * 300;
        Assert.Equal($"miner-network:78:{bucket}", messageId);
        using var payload = JsonDocument.Parse(await _database.ScalarAsync<string>("SELECT payload::text FROM outbox WHERE message_id = $1", messageId));
        Assert.Equal(MinerNetworkHarness.OurHotkey, payload.RootElement.GetProperty("validator_hotkey").GetString());
        var observation = Assert.Single(payload.RootElement.GetProperty("observations").EnumerateArray());
        Assert.Equal(harness.Devnet.Miners[0].Hotkey, observation.GetProperty("miner_hotkey").GetString());
        Assert.Equal("2130706433", observation.GetProperty("ip_address").GetString());
        Assert.Equal(4, observation.GetProperty("miner_uid").GetInt32());
        Assert.Equal(MinerNetworkHarness.Coldkey(4), observation.GetProperty("coldkey").GetString());
        Assert.Equal(harness.Devnet.Miners[0].BaseUrl.Port, observation.GetProperty("port").GetInt32());
        Assert.Equal(JsonValueKind.Null, observation.GetProperty("asn").ValueKind);
        Assert.Equal(JsonValueKind.Null, observation.GetProperty("asn_name").ValueKind);

        // Refreshing again adds at most the next bucket's report, never a second one for a bucket.
        var again = await harness.RefreshAndProbeAsync();
        var ids = await _database.ScalarAsync<string[]>("SELECT array_agg(message_id ORDER BY message_id) FROM outbox WHERE kind = 'miner-network'");
        var buckets = new[] { view.MetagraphAt.Value, again.MetagraphAt!.Value }.Select(at => $"miner-network:78:{at.ToUnixTimeSeconds() / 300 * 300}").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(buckets, ids);
    }

    [Fact]
    public async Task A_report_for_a_bucket_already_queued_or_sent_is_not_queued_again()
    {
        var outbox = new Outbox(_database.DataSource);
        var at = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var report = MinerNetworkReports.Build("5Validator", [new MetagraphNode("5Miner", "5Cold", 3, "16909060", 4, "1.2.3.4", 8091, 1, false)]);
        var first = MinerNetworkReports.Message(78, at, TimeSpan.FromSeconds(300), report);

        Assert.True(await outbox.EnqueueAsync(first));
        await outbox.MarkDeliveredAsync(first.MessageId, 201);
        var sameBucket = MinerNetworkReports.Message(78, at.AddSeconds(299), TimeSpan.FromSeconds(300), report);
        var nextBucket = MinerNetworkReports.Message(78, at.AddSeconds(300), TimeSpan.FromSeconds(300), report);

        Assert.Equal(first.MessageId, sameBucket.MessageId);
        Assert.False(await outbox.EnqueueAsync(sameBucket));
        Assert.True((await outbox.GetStatusAsync(first.MessageId))!.IsDelivered);
        Assert.NotEqual(first.MessageId, nextBucket.MessageId);
        Assert.True(await outbox.EnqueueAsync(nextBucket));
        Assert.Equal(MinerNetworkReports.Kind, first.Kind);
        Assert.Equal(
            """{"validator_hotkey":"5Validator","observations":[{"miner_hotkey":"5Miner","ip_address":"16909060","miner_uid":3,"coldkey":"5Cold","port":8091,"asn":null,"asn_name":null}]}""",
            first.PayloadJson);
    }
}
