using System.Buffers.Binary;
using System.Text;
using Loosh.Chain.Hashing;
using Loosh.Chain.Rpc;

namespace Loosh.Chain.Tests.Chopsticks;

/// <summary>The typed node methods against a real subtensor runtime.</summary>
[Collection(ChopsticksTests.Name)]
public sealed class SubtensorNodeTests(ChopsticksNode node)
{
    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task Runtime_version_blocks_metadata_and_storage_can_be_read()
    {
        await using var rpc = new SubstrateRpcClient(node.Endpoint);
        var subtensor = new SubtensorNode(rpc);

        // The genesis state has no System.Number (blocks set it as they execute), so make sure one block exists.
        await rpc.RequestAsync("dev_newBlock", []);
        var version = await subtensor.GetRuntimeVersionAsync();
        var genesis = await subtensor.GetBlockHashAsync(0);
        var best = await subtensor.GetBestBlockAsync();
        var metadata = await subtensor.GetMetadataAtVersionAsync(14);
        var numberKey = SubstrateHash.Twox128(Encoding.ASCII.GetBytes("System")).Concat(SubstrateHash.Twox128(Encoding.ASCII.GetBytes("Number"))).ToArray();
        var number = await subtensor.GetStorageAsync(numberKey, best.Hash);
        var absent = await subtensor.GetStorageAsync(SubstrateHash.Twox128(Encoding.ASCII.GetBytes("NoSuchPallet")));

        Assert.Equal(218u, version.SpecVersion);
        Assert.Equal(32, genesis.Length);
        Assert.Equal(32, best.Hash.Length);
        // Option<OpaqueMetadata>: Some, a compact length, then the "meta" magic and version 14.
        Assert.Equal(1, metadata[0]);
        Assert.Equal("meta"u8.ToArray(), metadata.AsSpan(metadata.AsSpan(1).IndexOf("meta"u8) + 1, 4).ToArray());
        Assert.NotNull(number);
        Assert.Equal(best.Number, BinaryPrimitives.ReadUInt32LittleEndian(number));
        Assert.Null(absent);
    }
}
