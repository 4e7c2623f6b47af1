using System.Globalization;
using System.Net;
using Loosh.Chain.Metadata;
using Loosh.Chain.Metagraph;
using Loosh.Chain.Tests.Metadata;

namespace Loosh.Chain.Tests.Metagraph;

/// <summary>How the decoder reads the runtime's declaration, and the small value types of a neuron.</summary>
public sealed class NeuronLiteLayoutTests
{
    [Fact]
    public void A_Vec_u8_output_means_the_wrapped_encoding() =>
        Assert.Equal(NeuronsLiteEncoding.ByteWrapped, NeuronLiteDecoder.EncodingOf(WithOutput(registry => registry.Add(new SequenceDef(registry.Primitive(Primitive.U8))))));

    [FixtureFact(MetadataFiles.V15)]
    public void A_changed_NeuronInfoLite_layout_is_refused_by_name()
    {
        var real = MetadataFiles.Load(MetadataFiles.V15);
        var output = real.RuntimeApi(NeuronLiteDecoder.RuntimeApi).Method(NeuronLiteDecoder.Method).OutputType;
        var element = ((SequenceDef)real.Types[output].Definition).ElementType;
        var fields = ((CompositeDef)real.Types[element].Definition).Fields.ToArray();
        (fields[9], fields[10]) = (fields[10], fields[9]); // emission and incentive swapped
        var types = real.Types.Types.ToArray();
        types[element] = types[element] with { Definition = new CompositeDef(fields) };
        var changed = new RuntimeMetadata(15, new TypeRegistry(types), real.Pallets, real.Extrinsic, real.RuntimeApis);

        var error = Assert.Throws<NotSupportedException>(() => NeuronLiteDecoder.EncodingOf(changed));

        Assert.Contains("field 9 is incentive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_is_not_a_Vec_is_refused() =>
        Assert.Throws<NotSupportedException>(() => NeuronLiteDecoder.EncodingOf(WithOutput(registry => registry.Primitive(Primitive.U32))));

    [Theory]
    [InlineData("0", 0, "0.0.0.0")]
    [InlineData("3235789677", 4, "192.222.59.109")]
    [InlineData("1", 6, "::1")]
    [InlineData("42540766411282592856903984951653826561", 6, "2001:db8::1")]
    [InlineData("42540766411282592856903984951653826561", 4, "2001:db8::1")]
    public void Ips_are_decoded_from_their_integer_form(string ip, byte ipType, string expected)
    {
        var axon = new AxonInfo(0, 0, UInt128.Parse(ip, CultureInfo.InvariantCulture), 8091, ipType, 4, 0, 0);
        var prometheus = new PrometheusInfo(0, 0, UInt128.Parse(ip, CultureInfo.InvariantCulture), 7091, ipType);

        Assert.Equal(IPAddress.Parse(expected), axon.Address);
        Assert.Equal(IPAddress.Parse(expected), prometheus.Address);
    }

    [Fact]
    public void Fractions_and_tao_amounts_convert_exactly()
    {
        Assert.Equal(1.0, new U16Fraction(ushort.MaxValue).Value);
        Assert.Equal(0.5, new U16Fraction(32768).Value, 4);
        Assert.Equal(18_446_744_073.709551615m, Rao.ToTao(ulong.MaxValue));
        Assert.Equal(1m, new NeuronStake(default, Rao.PerTao).Tao);
    }

    private static RuntimeMetadata WithOutput(Func<TestRegistry, int> outputType)
    {
        var registry = new TestRegistry();
        var output = outputType(registry);
        var api = new RuntimeApiMetadata(NeuronLiteDecoder.RuntimeApi, [new RuntimeApiMethod(NeuronLiteDecoder.RuntimeApi, NeuronLiteDecoder.Method, [], output)]);
        return new RuntimeMetadata(15, registry.Build(), [], new ExtrinsicMetadata([4], null, null, null, []), [api]);
    }
}
