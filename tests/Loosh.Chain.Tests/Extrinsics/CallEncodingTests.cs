using System.Net;
using Loosh.Chain.Extrinsics;
using Loosh.Chain.Tests.Metadata;

namespace Loosh.Chain.Tests.Extrinsics;

/// <summary>Calls encoded from the real metadata (chain.md §2.4, §4) and the field-list check that guards them.</summary>
public sealed class CallEncodingTests
{
    private const string SetWeightsExample = "070001000c0000010002000cffffff7f0000509e980000000000";

    [FixtureTheory(MetadataFiles.V14, MetadataFiles.V15, MetadataFiles.Devnet2026)]
    [InlineData(MetadataFiles.V14)]
    [InlineData(MetadataFiles.V15)]
    [InlineData(MetadataFiles.Devnet2026)]
    public void Set_weights_matches_the_worked_example_of_section_2_4(string file)
    {
        var call = SubtensorCalls.SetWeights(MetadataFiles.Load(file), 1, [0, 1, 2], [65535, 32767, 0], 10_002_000);

        Assert.Equal(SetWeightsExample, Convert.ToHexStringLower(call.Encoded));
        Assert.Equal(("SubtensorModule", "set_weights"), (call.Pallet, call.Name));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Set_mechanism_weights_puts_the_mechanism_byte_after_the_netuid()
    {
        var call = SubtensorCalls.SetMechanismWeights(MetadataFiles.Load(MetadataFiles.V15), 1, 2, [0, 1, 2], [65535, 32767, 0], 10_002_000);

        // (7, 119) ‖ netuid ‖ mecid ‖ the set_weights arguments.
        Assert.Equal("0777" + "0100" + "02" + SetWeightsExample[8..], Convert.ToHexStringLower(call.Encoded));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Serve_axon_sends_the_address_as_an_integer_with_its_ip_type()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);

        var v4 = SubtensorCalls.ServeAxon(metadata, 1, 8_000_000, IPAddress.Parse("1.2.3.4"), 8091);
        var v6 = SubtensorCalls.ServeAxon(metadata, 1, 8_000_000, IPAddress.Parse("2001:db8::1"), 8091, protocol: 0);

        // (7, 4) ‖ netuid u16 ‖ version u32 ‖ ip u128 LE ‖ port u16 ‖ ip_type ‖ protocol ‖ placeholder1 ‖ placeholder2
        Assert.Equal("0704" + "0100" + "00127a00" + "04030201000000000000000000000000" + "9b1f" + "04" + "04" + "00" + "00",
            Convert.ToHexStringLower(v4.Encoded));
        Assert.Equal("0704" + "0100" + "00127a00" + "010000000000000000000000b80d0120" + "9b1f" + "06" + "00" + "00" + "00",
            Convert.ToHexStringLower(v6.Encoded));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void A_field_the_metadata_declares_differently_is_named_in_the_error()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);

        var wrongType = Assert.Throws<UnsupportedRuntimeException>(() => RuntimeCall.Encode(metadata, "SubtensorModule", "set_weights",
            CallArgument.U16("netuid", 1), CallArgument.U16Vec("dests", [0]), CallArgument.U64("weights", 1), CallArgument.U64("version_key", 0)));
        var missing = Assert.Throws<UnsupportedRuntimeException>(() => RuntimeCall.Encode(metadata, "SubtensorModule", "set_weights",
            CallArgument.U16("netuid", 1), CallArgument.U16Vec("dests", [0]), CallArgument.U16Vec("weights", [1])));
        var renamed = Assert.Throws<UnsupportedRuntimeException>(() => RuntimeCall.Encode(metadata, "SubtensorModule", "set_weights",
            CallArgument.U16("subnet", 1), CallArgument.U16Vec("dests", [0]), CallArgument.U16Vec("weights", [1]), CallArgument.U64("version_key", 0)));

        Assert.Contains("SubtensorModule.set_weights argument 2 is `weights: Vec<u16>` in the runtime's metadata but `weights: u64` in this client", wrongType.Message);
        Assert.Contains("argument 3 is `version_key: u64` in the runtime's metadata but absent in this client", missing.Message);
        Assert.Contains("argument 0 is `netuid: u16` in the runtime's metadata but `subnet: u16`", renamed.Message);
    }

    [FixtureFact(MetadataFiles.V15)]
    public void An_unknown_call_is_not_found()
    {
        Assert.Throws<KeyNotFoundException>(() => RuntimeCall.Encode(MetadataFiles.Load(MetadataFiles.V15), "SubtensorModule", "set_everything"));
    }
}
