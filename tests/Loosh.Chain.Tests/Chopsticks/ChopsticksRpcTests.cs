using Loosh.Chain.Rpc;

namespace Loosh.Chain.Tests.Chopsticks;

/// <summary>The RPC client against a real subtensor runtime.</summary>
[Collection(ChopsticksTests.Name)]
public sealed class ChopsticksRpcTests(ChopsticksNode node)
{
    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task The_client_reads_the_runtime_version_and_the_genesis_hash()
    {
        await using var client = new SubstrateRpcClient(node.Endpoint);

        var version = await client.RequestAsync("state_getRuntimeVersion", []);
        var genesis = await client.RequestAsync("chain_getBlockHash", [0]);

        Assert.Equal("node-subtensor", version.GetProperty("specName").GetString());
        Assert.Equal(218, version.GetProperty("specVersion").GetInt32());
        Assert.Matches("^0x[0-9a-f]{64}$", genesis.GetString());
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task A_new_block_arrives_through_a_new_heads_subscription()
    {
        await using var client = new SubstrateRpcClient(node.Endpoint);
        await using var heads = await client.SubscribeAsync("chain_subscribeNewHeads", [], "chain_unsubscribeNewHeads");
        var first = await heads.Notifications.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        await client.RequestAsync("dev_newBlock", []);
        var next = await heads.Notifications.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Number(first) + 1, Number(next));
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task An_unknown_method_is_an_rpc_error_not_a_hang()
    {
        await using var client = new SubstrateRpcClient(node.Endpoint);

        await Assert.ThrowsAsync<RpcErrorException>(() => client.RequestAsync("no_such_method", []));
    }

    private static long Number(System.Text.Json.JsonElement header) =>
        Convert.ToInt64(header.GetProperty("number").GetString(), 16);
}
