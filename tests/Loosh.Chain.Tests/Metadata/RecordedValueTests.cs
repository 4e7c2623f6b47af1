using Loosh.Chain.Metadata;

namespace Loosh.Chain.Tests.Metadata;

/// <summary>The generic decoder on real storage values and runtime-API results, each consuming every byte.</summary>
public sealed class RecordedValueTests
{
    private const string MetagraphBlock = "0xdb13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0";

    [FixtureFact(MetadataFiles.V15, RecordedRpc.File)]
    public void A_LastUpdate_storage_value_decodes_to_1024_blocks()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var entry = metadata.StorageEntry("SubtensorModule", "LastUpdate");
        var key = "0x" + Convert.ToHexStringLower(metadata.StorageKey("SubtensorModule", "LastUpdate", [0x01, 0x00]));

        var value = Assert.IsType<SequenceValue>(metadata.Types.DecodeAll(entry.ValueType, RecordedRpc.ResultOf("blocks_since_last_update", "state_getStorageAt", key)));

        Assert.Equal(1024, value.Items.Count);
        Assert.Equal(new UnsignedValue(Primitive.U64, 0x26cfa1), value.Items[0]);
    }

    [FixtureFact(MetadataFiles.V15, RecordedRpc.File)]
    public void A_System_Account_value_decodes_to_its_AccountInfo()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var entry = metadata.StorageEntry("System", "Account");
        var key = RecordedRpc.Calls("state_getStorageAt").Single(call => call.SdkCall == "get_balance").Parameters[0].GetString()!;

        var account = Assert.IsType<CompositeValue>(metadata.Types.DecodeAll(entry.ValueType, RecordedRpc.ResultOf("get_balance", "state_getStorageAt", key)));

        Assert.Equal(new UnsignedValue(Primitive.U32, 141), account["nonce"]);
        var data = Assert.IsType<CompositeValue>(account["data"]);
        Assert.Equal(new UnsignedValue(Primitive.U64, 0x01bc0fc3d0), data["free"]);
    }

    [FixtureFact(MetadataFiles.V15, RecordedRpc.File)]
    public void The_get_neurons_lite_result_decodes_generically_to_1024_neurons()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var output = metadata.RuntimeApi("NeuronInfoRuntimeApi").Method("get_neurons_lite").OutputType;

        var neurons = Assert.IsType<SequenceValue>(metadata.Types.DecodeAll(output, RecordedRpc.ResultOf("metagraph", "state_call", "NeuronInfoRuntimeApi_get_neurons_lite")));

        Assert.Equal(1024, neurons.Items.Count);
        var first = Assert.IsType<CompositeValue>(neurons.Items[0]);
        Assert.Equal(new UnsignedValue(Primitive.U16, 1), first["netuid"]);
        Assert.Equal(new UnsignedValue(Primitive.U64, 2_543_521), first["last_update"]);
        Assert.Equal(new UnsignedValue(Primitive.U128, 3_235_789_677), Assert.IsType<CompositeValue>(first["axon_info"])["ip"]);
    }

    [FixtureFact(MetadataFiles.V15, RecordedRpc.File)]
    public void Other_spec_343_runtime_api_results_decode_exactly()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var calls = RecordedRpc.Calls("state_call").Where(call => call.Parameters.Length == 3 && call.Parameters[2].GetString() == MetagraphBlock).ToList();
        Assert.Equal(
            ["NeuronInfoRuntimeApi_get_neurons_lite", "SubnetInfoRuntimeApi_get_selective_mechagraph", "SubnetInfoRuntimeApi_get_subnet_state"],
            calls.Select(call => call.Parameters[0].GetString()).Order());
        foreach (var call in calls)
        {
            var name = call.Parameters[0].GetString()!;
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            var method = metadata.RuntimeApi(name[..separator]).Method(name[(separator + 1)..]);
            var result = Convert.FromHexString(call.Result.GetString()!.AsSpan(2));

            Assert.NotNull(metadata.Types.DecodeAll(method.OutputType, result));
        }
    }
}
