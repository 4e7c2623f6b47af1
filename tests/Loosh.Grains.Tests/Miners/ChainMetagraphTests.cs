using System.Security.Cryptography;
using Loosh.Chain.Crypto;
using Loosh.Chain.Tests;
using Loosh.Chain.Tests.Chopsticks;
using Loosh.Devnet;
using Loosh.Devnet.Chain;

namespace Loosh.Grains.Tests.Miners;

/// <summary>The production metagraph source against a real subtensor runtime under chopsticks, through the validator grain.</summary>
[Collection(ChopsticksTests.Name)]
public sealed class ChainMetagraphTests(ChopsticksNode node) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task The_metagraph_is_read_from_the_chain_and_a_uid_changing_owner_is_followed()
    {
        await using var chain = await ChopsticksChain.ConnectAsync(node.Endpoint);
        var ours = Ss58.Decode(MinerNetworkHarness.OurHotkey).AccountId;
        var first = RandomNumberGenerator.GetBytes(32);
        var second = RandomNumberGenerator.GetBytes(32);
        await chain.RegisterValidatorAsync(MinerNetworkHarness.Netuid, ours, first);

        await using var harness = await MinerNetworkHarness.StartAsync(_database, [new MinerBehaviour.Honest()], metagraph: null,
            settings: ("SUBTENSOR_ADDRESS", node.Endpoint.ToString()));
        var view = await harness.WaitAsync(v => v.MetagraphAt is not null, "the metagraph from the chain");

        Assert.Equal([(0, MinerNetworkHarness.OurHotkey), (1, Ss58.Encode(first))], view.Metagraph.Select(n => (n.Uid, n.Hotkey)));
        Assert.All(view.Metagraph, n => Assert.False(n.HasEndpoint));
        Assert.Equal(1, (await harness.Miner(Ss58.Encode(first)).GetAsync()).Registration!.Uid);

        // Another hotkey takes UID 1 on chain.
        await chain.RegisterValidatorAsync(MinerNetworkHarness.Netuid, ours, second);
        await harness.Validator.RefreshMinerNetworkAsync();
        view = await harness.WaitAsync(v => v.Metagraph.Any(n => n.Hotkey == Ss58.Encode(second)), "the new owner of UID 1");

        Assert.Null(view.LastRefreshError);
        Assert.Equal(1, (await harness.Miner(Ss58.Encode(second)).GetAsync()).Registration!.Uid);
        Assert.NotNull((await harness.Miner(Ss58.Encode(first)).GetAsync()).DeregisteredAt);
    }
}
