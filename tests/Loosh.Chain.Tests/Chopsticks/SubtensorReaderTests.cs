using Loosh.Chain.Rpc;
using Loosh.Chain.Subtensor;

namespace Loosh.Chain.Tests.Chopsticks;

/// <summary>Metadata-driven reads against a real subtensor runtime.</summary>
[Collection(ChopsticksTests.Name)]
public sealed class SubtensorReaderTests(ChopsticksNode node)
{
    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task Metadata_parameters_and_neurons_are_read_from_the_runtime()
    {
        await using var rpc = new SubstrateRpcClient(node.Endpoint);
        using var reader = new SubtensorReader(new SubtensorNode(rpc));

        var metadata = await reader.MetadataAsync();
        var again = await reader.MetadataAsync();
        var parameters = await reader.GetWeightSettingParametersAsync(1);
        var neurons = await reader.GetNeuronsAsync(1);
        var strangerKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var stranger = await reader.GetUidAsync(1, strangerKey);

        Assert.Same(metadata, again);
        Assert.Equal(218u, metadata.SpecVersion());
        Assert.Equal(7, metadata.Pallet("SubtensorModule").Index);
        Assert.Equal((ushort)1, parameters.Netuid);
        Assert.Equal(neurons.Length, parameters.NeuronCount);
        Assert.Null(stranger);
        Assert.Null(await reader.GetStandingAsync(1, strangerKey));
        // The genesis registers one neuron on netuid 1: it is found by its hotkey, and its standing is read.
        var registered = Assert.Single(neurons);
        var standing = await reader.GetStandingAsync(1, registered.Hotkey.ToArray());
        Assert.NotNull(standing);
        Assert.Equal(registered.Uid, standing.Uid);
        Assert.Equal(registered.ValidatorPermit, standing.ValidatorPermit);
    }
}
