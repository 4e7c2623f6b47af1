using System.Net;
using Loosh.Chain.Metadata;
using Loosh.Chain.Metagraph;
using Loosh.Chain.Scale;
using Loosh.Chain.Tests.Metadata;

namespace Loosh.Chain.Tests.Metagraph;

/// <summary>The recorded mainnet metagraph of chain.md §2.3 (netuid 1, spec 343) and the older Vec&lt;u8&gt;-wrapped one (spec 208).</summary>
public sealed class NeuronLiteDecoderTests
{
    private static byte[] Netuid1Spec343 => RecordedRpc.ResultOf("metagraph", "state_call", "NeuronInfoRuntimeApi_get_neurons_lite");

    private static byte[] Netuid23Spec208 => RecordedRpc.ResultOf("neurons_lite", "state_call", "NeuronInfoRuntimeApi_get_neurons_lite");

    [FixtureFact(MetadataFiles.V15, RecordedRpc.File)]
    public void The_netuid_1_metagraph_decodes_to_1024_neurons_using_every_byte()
    {
        var result = Netuid1Spec343;
        Assert.Equal(186_526, result.Length);

        var neurons = NeuronLiteDecoder.Decode(result, NeuronLiteDecoder.EncodingOf(MetadataFiles.Load(MetadataFiles.V15)));

        Assert.Equal(1024, neurons.Length);
        Assert.Equal(Enumerable.Range(0, 1024).Select(uid => (ushort)uid), neurons.Select(neuron => neuron.Uid));
        Assert.All(neurons, neuron => Assert.Equal(1, neuron.Netuid));
    }

    [FixtureFact(RecordedRpc.File)]
    public void The_first_neuron_has_the_fields_of_section_2_3()
    {
        var reader = new ScaleReader(Netuid1Spec343);
        Assert.Equal(1024, reader.ReadLength());

        var neuron = NeuronLiteDecoder.DecodeNeuron(ref reader);

        Assert.Equal(185, reader.Position);
        Assert.Equal("0x4a7a6cf22af0de8f0c3566ceb47c255da605cf9243f6c1a6433cc782fa610166", neuron.Hotkey.ToString());
        Assert.Equal("0x74762d04a38847530ae54f185efda75989c6cb66eab33295ee5401af6e2ac035", neuron.Coldkey.ToString());
        Assert.Equal((ushort)0, neuron.Uid);
        Assert.Equal((ushort)1, neuron.Netuid);
        Assert.False(neuron.Active);
        Assert.Equal(new AxonInfo(6_575_906, 9_011_001, 3_235_789_677, 6028, 4, 4, 0, 0), neuron.Axon);
        Assert.Equal(IPAddress.Parse("192.222.59.109"), neuron.Axon.Address);
        Assert.Equal(default, neuron.Prometheus);
        Assert.Equal([new NeuronStake(neuron.Coldkey, 2_557_172_316)], neuron.Stake);
        Assert.Equal(2_557_172_316UL, neuron.TotalStakeRao);
        Assert.Equal(2.557172316m, neuron.TotalStakeTao);
        Assert.Equal(default, neuron.Rank);
        Assert.Equal(0UL, neuron.EmissionRao);
        Assert.Equal(default, neuron.Incentive);
        Assert.Equal(default, neuron.Consensus);
        Assert.Equal(default, neuron.Trust);
        Assert.Equal(default, neuron.ValidatorTrust);
        Assert.Equal(default, neuron.Dividends);
        Assert.Equal(2_543_521UL, neuron.LastUpdate);
        Assert.False(neuron.ValidatorPermit);
        Assert.Equal((ushort)0, neuron.PruningScore);
    }

    [FixtureFact(MetadataFiles.V15, RecordedRpc.File)]
    public void The_typed_decoder_agrees_with_the_generic_one_on_every_neuron()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var output = metadata.RuntimeApi(NeuronLiteDecoder.RuntimeApi).Method(NeuronLiteDecoder.Method).OutputType;
        var generic = Assert.IsType<SequenceValue>(metadata.Types.DecodeAll(output, Netuid1Spec343)).Items;

        var typed = NeuronLiteDecoder.Decode(Netuid1Spec343, NeuronsLiteEncoding.Vector);

        Assert.Equal(generic.Count, typed.Length);
        for (var i = 0; i < typed.Length; i++)
        {
            var expected = Assert.IsType<CompositeValue>(generic[i]);
            var neuron = typed[i];
            Assert.Equal(Assert.IsType<BytesValue>(Assert.IsType<CompositeValue>(expected["hotkey"])[0]).Bytes, neuron.Hotkey.ToArray());
            Assert.Equal(Number(expected["uid"]), neuron.Uid);
            Assert.Equal(Number(expected["emission"]), neuron.EmissionRao);
            Assert.Equal(Number(expected["incentive"]), neuron.Incentive.Raw);
            Assert.Equal(Number(expected["dividends"]), neuron.Dividends.Raw);
            Assert.Equal(Number(expected["validator_trust"]), neuron.ValidatorTrust.Raw);
            Assert.Equal(Number(expected["last_update"]), neuron.LastUpdate);
            Assert.Equal(Number(expected["pruning_score"]), neuron.PruningScore);
            Assert.Equal(Assert.IsType<BoolValue>(expected["validator_permit"]).Value, neuron.ValidatorPermit);
            Assert.Equal(Number(Assert.IsType<CompositeValue>(expected["axon_info"])["ip"]), neuron.Axon.Ip);
            var stake = Assert.IsType<SequenceValue>(expected["stake"]).Items;
            Assert.Equal(stake.Select(entry => Number(Assert.IsType<CompositeValue>(entry)[1])), neuron.Stake.Select(entry => (UInt128)entry.Rao));
        }

        static UInt128 Number(ScaleValue value) => Assert.IsType<UnsignedValue>(value).Value;
    }

    [FixtureFact(MetadataFiles.V15, RecordedRpc.File)]
    public void Validators_of_the_subnet_have_permits_trust_and_dividends()
    {
        var neurons = NeuronLiteDecoder.Decode(Netuid1Spec343, NeuronsLiteEncoding.Vector);

        var validators = neurons.Where(neuron => neuron.ValidatorPermit).ToList();
        Assert.InRange(validators.Count, 1, 256);
        Assert.Contains(neurons, neuron => neuron.Dividends.Raw > 0 && neuron.ValidatorTrust.Value is > 0 and <= 1);
        Assert.Contains(neurons, neuron => neuron.Incentive.Raw > 0);
    }

    [FixtureFact(RecordedRpc.File)]
    public void The_spec_208_vec_u8_wrapped_response_decodes()
    {
        var neurons = NeuronLiteDecoder.Decode(Netuid23Spec208, NeuronsLiteEncoding.ByteWrapped);

        Assert.Equal(19, neurons.Length);
        Assert.All(neurons, neuron => Assert.Equal(23, neuron.Netuid));
        Assert.Equal(Enumerable.Range(0, 19).Select(uid => (ushort)uid), neurons.Select(neuron => neuron.Uid));
        Assert.Equal(IPAddress.Parse("67.212.41.19"), neurons[2].Axon.Address);
        Assert.Equal(2121, neurons[2].Axon.Port);
    }

    [FixtureFact(RecordedRpc.File)]
    public void The_wrong_encoding_is_detected()
    {
        Assert.Throws<ScaleDecodeException>(() => NeuronLiteDecoder.Decode(Netuid23Spec208, NeuronsLiteEncoding.Vector));
        var error = Assert.Throws<ScaleDecodeException>(() => NeuronLiteDecoder.Decode(Netuid1Spec343, NeuronsLiteEncoding.ByteWrapped));
        Assert.Equal(0, error.Offset);
    }

    [FixtureFact(RecordedRpc.File)]
    public void A_truncated_response_fails_with_the_offset()
    {
        var truncated = Netuid1Spec343[..100_000];
        var error = Assert.Throws<ScaleDecodeException>(() => NeuronLiteDecoder.Decode(truncated, NeuronsLiteEncoding.Vector));
        Assert.Equal(0, error.Offset); // where the count is
        Assert.Contains("1024 neurons cannot fit", error.Message, StringComparison.Ordinal);

        var cutInsideLastNeuron = Netuid1Spec343[..^1];
        var lastByte = Assert.Throws<ScaleDecodeException>(() => NeuronLiteDecoder.Decode(cutInsideLastNeuron, NeuronsLiteEncoding.Vector));
        Assert.Equal(cutInsideLastNeuron.Length, lastByte.Offset);
    }

    [FixtureFact(MetadataFiles.V15, MetadataFiles.Devnet2025, MetadataFiles.Devnet2026)]
    public void Current_runtimes_declare_the_plain_vector_with_the_expected_layout()
    {
        foreach (var file in new[] { MetadataFiles.V15, MetadataFiles.Devnet2025, MetadataFiles.Devnet2026 })
        {
            Assert.Equal(NeuronsLiteEncoding.Vector, NeuronLiteDecoder.EncodingOf(MetadataFiles.Load(file)));
        }
    }

    [FixtureFact(MetadataFiles.V14)]
    public void V14_metadata_cannot_tell_the_encoding() =>
        Assert.Throws<KeyNotFoundException>(() => NeuronLiteDecoder.EncodingOf(MetadataFiles.Load(MetadataFiles.V14)));
}
