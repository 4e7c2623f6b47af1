using System.Globalization;
using Loosh.Devnet;

namespace Loosh.Grains.Tests.Miners;

/// <summary>
/// Eight honest miners (uids 0–7), one that is initializing (8), ourselves (9) and another validator (10), both served
/// at honest miners' addresses so that only the exclusion rules keep them out. The Challenge API weights miner 2 at 0
/// and miner 3 at 3; the rest get the default 1.
/// </summary>
public sealed class SelectionNetwork : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public MinerNetworkHarness Harness { get; private set; } = null!;

    public IReadOnlyList<SimulatedMiner> Miners => Harness.Devnet.Miners;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        MinerBehaviour[] behaviours = [.. Enumerable.Range(0, 8).Select(_ => (MinerBehaviour)new MinerBehaviour.Honest()), new MinerBehaviour.Initializing()];
        var weights = new Dictionary<string, double>();
        Harness = await MinerNetworkHarness.StartAsync(Database, behaviours, devnet =>
        {
            weights[devnet.Miners[2].Hotkey] = 0;
            weights[devnet.Miners[3].Hotkey] = 3;
            return [.. devnet.Miners.Select((miner, uid) => MinerNetworkHarness.Node(miner, uid)),
                MinerNetworkHarness.Node(devnet.Miners[0], 9, MinerNetworkHarness.OurHotkey),
                MinerNetworkHarness.Node(devnet.Miners[1], 10, MinerNetworkHarness.OtherValidator)];
        }, weights);
        await Harness.WaitAsync(view => view.ProbeRounds >= 1, "the first probe round");
    }

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Miner selection: who may be chosen, how weights steer the seeded draw, and that a challenge always draws alike.</summary>
public sealed class MinerSelectionTests(SelectionNetwork network) : IClassFixture<SelectionNetwork>
{
    private IValidatorGrain Validator => network.Harness.Validator;

    [Fact]
    public async Task Only_available_miners_are_chosen_never_validators_ourselves_or_a_zero_weight()
    {
        var selected = await Validator.SelectMinersAsync("challenge-all", 100);

        // Seven miners have a positive weight and MAX_MINERS is 7: all of them, and nobody else.
        int[] expected = [0, 1, 3, 4, 5, 6, 7];
        Assert.Equal(expected.Select(i => network.Miners[i].Hotkey).Order(StringComparer.Ordinal), selected.Select(m => m.Hotkey).Order(StringComparer.Ordinal));
        var first = selected.Single(m => m.Hotkey == network.Miners[0].Hotkey);
        Assert.Equal(new SelectedMiner(network.Miners[0].Hotkey, 0, MinerNetworkHarness.Coldkey(0), "127.0.0.1", network.Miners[0].BaseUrl.Port,
            network.Miners[0].BaseUrl), first);
    }

    [Fact]
    public async Task MAX_MINERS_caps_the_count_asked_for()
    {
        Assert.Equal(7, (await Validator.SelectMinersAsync("challenge-cap", 8)).Count);
        Assert.Equal(2, (await Validator.SelectMinersAsync("challenge-two", 2)).Count);
    }

    [Fact]
    public async Task The_same_challenge_draws_the_same_miners_and_other_challenges_draw_differently()
    {
        var first = await Validator.SelectMinersAsync("challenge-resumed", 3);
        await network.Harness.RefreshAndProbeAsync();
        var again = await Validator.SelectMinersAsync("challenge-resumed", 3);

        Assert.Equal(first, again);
        var others = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var selection = await Validator.SelectMinersAsync($"challenge-other-{i}", 3);
            others.Add(string.Join(',', selection.Select(m => m.Hotkey)));
        }
        Assert.True(others.Distinct().Count() > 1);
    }

    [Fact]
    public async Task Weights_steer_the_draw_and_a_zero_weight_is_never_drawn()
    {
        const int Draws = 600;
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < Draws; i++)
        {
            var single = Assert.Single(await Validator.SelectMinersAsync(string.Create(CultureInfo.InvariantCulture, $"weighted-{i}"), 1));
            counts[single.Hotkey] = counts.GetValueOrDefault(single.Hotkey) + 1;
        }

        Assert.DoesNotContain(network.Miners[2].Hotkey, counts.Keys);
        // Miner 3 weighs 3 of a total of 9: a third of the draws, give or take (the seeded draw is the same every run).
        var heavy = counts[network.Miners[3].Hotkey] / (double)Draws;
        Assert.InRange(heavy, 0.27, 0.40);
        foreach (var light in new[] { 0, 1, 4, 5, 6, 7 })
        {
            Assert.InRange(counts[network.Miners[light].Hotkey] / (double)Draws, 0.07, 0.16);
        }
    }
}

/// <summary>Selection at the edges: fewer candidates than MIN_MINERS, and every weight zero.</summary>
public sealed class SparseSelectionTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Fewer_than_MIN_MINERS_returns_what_there_is_and_all_zero_weights_draw_uniformly()
    {
        var weights = new Dictionary<string, double>();
        await using var harness = await MinerNetworkHarness.StartAsync(_database,
            [new MinerBehaviour.Honest(), new MinerBehaviour.Honest(), new MinerBehaviour.HttpError(503)],
            devnet =>
            {
                foreach (var miner in devnet.Miners)
                {
                    weights[miner.Hotkey] = 0;
                }
                return [.. devnet.Miners.Select((miner, uid) => MinerNetworkHarness.Node(miner, uid))];
            },
            weights);
        await harness.WaitAsync(view => view.ProbeRounds >= 1, "the first probe round");
        var available = harness.Devnet.Miners.Take(2).Select(m => m.Hotkey).Order(StringComparer.Ordinal).ToList();

        var selected = await harness.Validator.SelectMinersAsync("challenge-sparse", 7);

        Assert.Equal(available, selected.Select(m => m.Hotkey).Order(StringComparer.Ordinal));
        var drawn = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            drawn.Add(Assert.Single(await harness.Validator.SelectMinersAsync($"uniform-{i}", 1)).Hotkey);
        }
        Assert.Equal(available, drawn.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Before_any_miner_answered_the_selection_is_empty()
    {
        await using var harness = await MinerNetworkHarness.StartAsync(_database, [new MinerBehaviour.Initializing()],
            devnet => [MinerNetworkHarness.Node(devnet.Miners[0], 0)]);
        await harness.WaitAsync(view => view.ProbeRounds >= 1, "the first probe round");

        Assert.Empty(await harness.Validator.SelectMinersAsync("challenge-nobody", 7));
    }
}
