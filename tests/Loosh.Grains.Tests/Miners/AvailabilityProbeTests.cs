using System.Net;
using Loosh.Devnet;
using Loosh.Grains.Miners;
using Loosh.Protocols.Miners;
using Microsoft.Extensions.DependencyInjection;

namespace Loosh.Grains.Tests.Miners;

/// <summary>Availability probes against simulated miners: results reach the validator, the miner grains and the ledger.</summary>
public sealed class AvailabilityProbeTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Answering_miners_are_available_and_the_others_are_not_with_their_reason()
    {
        var unreachable = MinerNetworkHarness.RandomHotkey();
        var unserved = MinerNetworkHarness.RandomHotkey();
        await using var harness = await MinerNetworkHarness.StartAsync(_database,
            [new MinerBehaviour.Honest(), new MinerBehaviour.Initializing(), new MinerBehaviour.HttpError(503)],
            devnet => [.. devnet.Miners.Select((miner, uid) => MinerNetworkHarness.Node(miner, uid)),
                MetagraphNodes.Create(unreachable, MinerNetworkHarness.Coldkey(8), 8, IPAddress.Loopback, ClosedPort(), 1, false),
                MinerNetworkHarness.Unserved(unserved, 9)]);
        var miners = harness.Devnet.Miners;

        var view = await harness.WaitAsync(v => v.ProbeRounds >= 1, "the first probe round");

        Assert.Equal(4, view.Availability.Count);
        Assert.DoesNotContain(unserved, view.Availability.Keys);
        Assert.True(view.Availability[miners[0].Hotkey].Available);
        Assert.Equal("Miner initializing", view.Availability[miners[1].Hotkey].Error);
        Assert.Equal("Simulated failure", view.Availability[miners[2].Hotkey].Error);
        Assert.False(view.Availability[unreachable].Available);
        Assert.Contains("could not be reached", view.Availability[unreachable].Error, StringComparison.Ordinal);
        var recorded = await harness.Miner(miners[0].Hotkey).GetAsync();
        Assert.True(recorded.Available);
        Assert.NotNull(recorded.LastAvailableAt);
        var initializing = await harness.Miner(miners[1].Hotkey).GetAsync();
        Assert.False(initializing.Available);
        Assert.Equal("Miner initializing", initializing.LastError);
        Assert.True(await _database.ScalarAsync<bool>("SELECT is_available FROM miners WHERE hotkey = $1", miners[0].Hotkey));
        Assert.Equal("Miner initializing", await _database.ScalarAsync<string>("SELECT last_error FROM miners WHERE hotkey = $1", miners[1].Hotkey));
        Assert.False(await _database.ScalarAsync<bool>("SELECT is_available FROM miners WHERE hotkey = $1", unreachable));
    }

    [Fact]
    public async Task A_miner_that_never_answers_holds_up_its_probe_but_not_the_validator()
    {
        using var hanging = new HangingMiner();
        var slowHotkey = MinerNetworkHarness.RandomHotkey();
        // A probe deadline far beyond the test, so only the release ends the hanging probe.
        await using var harness = await MinerNetworkHarness.StartAsync(_database, [new MinerBehaviour.Honest()],
            devnet => [MinerNetworkHarness.Node(devnet.Miners[0], 0), MetagraphNodes.Create(slowHotkey, MinerNetworkHarness.Coldkey(1), 1, IPAddress.Loopback, hanging.Port, 1, false)],
            services: services => services.AddSingleton(_ => new MinerClient(
                new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
                new MinerClientOptions { ValidatorHotkey = MinerNetworkHarness.OurHotkey, AvailabilityTimeout = TimeSpan.FromMinutes(10) })));

        await Eventually.MatchAsync(() => Task.FromResult(hanging.Accepted), accepted => accepted > 0, TimeSpan.FromSeconds(60), "the hanging probe");
        var during = await harness.Validator.GetMinerNetworkAsync();
        var selected = await harness.Validator.SelectMinersAsync("challenge-during-probe", 7);
        await harness.Validator.ProbeMinersAsync();

        Assert.Equal(0, during.ProbeRounds);
        Assert.Empty(selected);
        Assert.Equal(0, (await harness.Validator.GetMinerNetworkAsync()).ProbeRounds);

        hanging.Release();
        var view = await harness.WaitAsync(v => v.ProbeRounds >= 1, "the probe round to finish");
        Assert.True(view.Availability[harness.Devnet.Miners[0].Hotkey].Available);
        Assert.False(view.Availability[slowHotkey].Available);
        Assert.False((await harness.Miner(slowHotkey).GetAsync()).Available);
    }

    /// <summary>A loopback port on which nothing listens.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
