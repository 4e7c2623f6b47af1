using Loosh.Devnet;

namespace Loosh.Grains.Tests.Miners;

/// <summary>The metagraph refresh: miner grains and ledger rows by hotkey, UID owner changes, and riding out failures.</summary>
public sealed class MetagraphRefreshTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_refresh_at_start_registers_every_neuron_and_reads_validators_and_weights()
    {
        await using var harness = await MinerNetworkHarness.StartAsync(_database, [new MinerBehaviour.Honest(), new MinerBehaviour.Honest()],
            devnet => [MinerNetworkHarness.Node(devnet.Miners[0], 0), MinerNetworkHarness.Node(devnet.Miners[1], 1)],
            weights: new Dictionary<string, double> { [MinerNetworkHarness.OtherValidator] = 2.5 });
        var first = harness.Devnet.Miners[0];

        var view = await harness.WaitAsync(v => v.MetagraphAt is not null, "the refresh at start");

        Assert.Equal(2, view.Metagraph.Count);
        Assert.Null(view.LastRefreshError);
        Assert.Equal(MinerNetworkHarness.OurHotkey, view.ValidatorHotkey);
        Assert.Equal(new[] { MinerNetworkHarness.OtherValidator, MinerNetworkHarness.OurHotkey }.Order(StringComparer.Ordinal), view.Validators);
        Assert.Equal(1.0, view.PriorityWeights[first.Hotkey]);
        var miner = await harness.Miner(first.Hotkey).GetAsync();
        Assert.Equal(new MinerRegistration(0, MinerNetworkHarness.Coldkey(0), "127.0.0.1", first.BaseUrl.Port, 10.0), miner.Registration);
        Assert.Null(miner.DeregisteredAt);
        Assert.Equal(0, await _database.ScalarAsync<int>("SELECT uid FROM miners WHERE hotkey = $1", first.Hotkey));
        Assert.Equal("127.0.0.1", await _database.ScalarAsync<string>("SELECT ip FROM miners WHERE hotkey = $1", first.Hotkey));
    }

    [Fact]
    public async Task A_new_hotkey_on_an_old_uid_starts_clean_and_the_old_hotkey_is_deregistered()
    {
        var newcomer = MinerNetworkHarness.RandomHotkey();
        await using var harness = await MinerNetworkHarness.StartAsync(_database, [new MinerBehaviour.Honest(), new MinerBehaviour.Honest()],
            devnet => [MinerNetworkHarness.Node(devnet.Miners[0], 0), MinerNetworkHarness.Node(devnet.Miners[1], 1)]);
        var leaving = harness.Devnet.Miners[1];
        await harness.WaitAsync(v => v.MetagraphAt is not null, "the refresh at start");
        await harness.Miner(leaving.Hotkey).RecordOutcomeAsync(new MinerOutcome("challenge-1", MinerOutcomeKind.Answered, 0.8, 900, DateTimeOffset.UtcNow));

        harness.Metagraph.Serve([MinerNetworkHarness.Node(harness.Devnet.Miners[0], 0), MinerNetworkHarness.Node(leaving, 1, newcomer)]);
        var view = await harness.RefreshAndProbeAsync();

        Assert.Equal(newcomer, view.Metagraph.Single(node => node.Uid == 1).Hotkey);
        var fresh = await harness.Miner(newcomer).GetAsync();
        Assert.Equal(1, fresh.Registration!.Uid);
        Assert.Empty(fresh.RecentOutcomes);
        Assert.Null(fresh.LastAnsweredChallengeId);
        var departed = await harness.Miner(leaving.Hotkey).GetAsync();
        Assert.NotNull(departed.DeregisteredAt);
        Assert.False(departed.Available);
        Assert.Single(departed.RecentOutcomes);
        Assert.DoesNotContain(leaving.Hotkey, view.Availability.Keys);
        // The ledger row of the old owner keeps its history but no longer claims the UID.
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM miners WHERE uid = 1"));
        Assert.Equal(newcomer, await _database.ScalarAsync<string>("SELECT hotkey FROM miners WHERE uid = 1"));
        Assert.True(await _database.ScalarAsync<bool>("SELECT uid IS NULL FROM miners WHERE hotkey = $1", leaving.Hotkey));
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_last_metagraph_validators_and_weights()
    {
        await using var harness = await MinerNetworkHarness.StartAsync(_database, [new MinerBehaviour.Honest()],
            devnet => [MinerNetworkHarness.Node(devnet.Miners[0], 0)],
            weights: new Dictionary<string, double> { [MinerNetworkHarness.OtherValidator] = 0.5 });
        var good = await harness.WaitAsync(v => v.MetagraphAt is not null, "the refresh at start");

        harness.Metagraph.Fail("the node is down");
        harness.Api.BeginOutage(TimeSpan.FromMinutes(10));
        await harness.Validator.RefreshMinerNetworkAsync();
        var after = await harness.WaitAsync(v => v.RefreshAttempts > good.RefreshAttempts, "the failed refresh");

        Assert.Contains("the node is down", after.LastRefreshError, StringComparison.Ordinal);
        Assert.Contains("503", after.LastRefreshError, StringComparison.Ordinal);
        Assert.Equal(good.Metagraph, after.Metagraph);
        Assert.Equal(good.MetagraphAt, after.MetagraphAt);
        Assert.Equal(good.Validators, after.Validators);
        Assert.Equal(good.PriorityWeights, after.PriorityWeights);
        Assert.Null((await harness.Miner(harness.Devnet.Miners[0].Hotkey).GetAsync()).DeregisteredAt);

        harness.Api.EndOutage();
        harness.Metagraph.Serve(good.Metagraph);
        var recovered = await harness.RefreshAndProbeAsync();
        Assert.Null(recovered.LastRefreshError);
        Assert.True(recovered.MetagraphAt > good.MetagraphAt);
    }
}
