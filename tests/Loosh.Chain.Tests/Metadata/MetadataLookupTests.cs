using Loosh.Chain.Metadata;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Tests.Metadata;

/// <summary>The index discovery of chain.md §2.2, storage layouts of §2.3, runtime APIs and the extension lists of §2.6.</summary>
public sealed class MetadataLookupTests
{
    private static readonly string[] AllFiles = [MetadataFiles.V14, MetadataFiles.V15, MetadataFiles.Devnet2025, MetadataFiles.Devnet2026];

    [FixtureFact(MetadataFiles.V14, MetadataFiles.V15, MetadataFiles.Devnet2025, MetadataFiles.Devnet2026)]
    public void Pallet_indexes_match_section_2_2()
    {
        var expected = new Dictionary<string, byte>
        {
            ["System"] = 0,
            ["Balances"] = 5,
            ["TransactionPayment"] = 6,
            ["SubtensorModule"] = 7,
            ["Utility"] = 11,
            ["Sudo"] = 12,
            ["Commitments"] = 18,
            ["AdminUtils"] = 19,
            ["Drand"] = 26,
        };
        foreach (var file in AllFiles)
        {
            var metadata = MetadataFiles.Load(file);
            foreach (var (name, index) in expected)
            {
                Assert.Equal(index, metadata.Pallet(name).Index);
                Assert.Equal(name, metadata.Pallet(index).Name);
            }
        }
        Assert.Equal(30, MetadataFiles.Load(MetadataFiles.Devnet2026).Pallet("MevShield").Index);
        Assert.Throws<KeyNotFoundException>(() => MetadataFiles.Load(MetadataFiles.V15).Pallet("MevShield"));
    }

    [FixtureFact(MetadataFiles.V14, MetadataFiles.V15, MetadataFiles.Devnet2025, MetadataFiles.Devnet2026)]
    public void SubtensorModule_call_indexes_match_section_2_2()
    {
        var expected = new Dictionary<string, byte>
        {
            ["set_weights"] = 0,
            ["batch_set_weights"] = 80,
            ["commit_weights"] = 96,
            ["reveal_weights"] = 97,
            ["batch_reveal_weights"] = 98,
            ["batch_commit_weights"] = 100,
            ["commit_timelocked_weights"] = 113,
            ["commit_mechanism_weights"] = 115,
            ["reveal_mechanism_weights"] = 116,
            ["commit_crv3_mechanism_weights"] = 117,
            ["commit_timelocked_mechanism_weights"] = 118,
            ["set_mechanism_weights"] = 119,
        };
        foreach (var file in AllFiles)
        {
            var subtensor = MetadataFiles.Load(file).Pallet("SubtensorModule");
            foreach (var (name, index) in expected)
            {
                Assert.Equal(index, subtensor.Call(name).Index);
            }
        }
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Set_weights_arguments_are_read_with_names_and_types()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var setWeights = metadata.Pallet("SubtensorModule").Call("set_weights");

        Assert.Equal(
            [("netuid", "NetUid", "u16"), ("dests", "Vec<u16>", "Vec<u16>"), ("weights", "Vec<u16>", "Vec<u16>"), ("version_key", "u64", "u64")],
            setWeights.Fields.Select(field => (field.Name, field.TypeName, metadata.Types.Describe(field.Type))));
        Assert.Equal(
            ["netuid", "mecid", "dests", "weights", "version_key"],
            metadata.Pallet("SubtensorModule").Call("set_mechanism_weights").Fields.Select(field => field.Name));
        Assert.Equal(
            ["Vec<Compact<u16>>", "Vec<Vec<(Compact<u16>, Compact<u16>)>>", "Vec<Compact<u64>>"],
            metadata.Pallet("SubtensorModule").Call("batch_set_weights").Fields.Select(field => metadata.Types.Describe(field.Type)));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void The_section_2_4_set_weights_call_is_encoded_from_metadata_indexes()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var pallet = metadata.Pallet("SubtensorModule");
        var call = new ScaleWriter().WriteU8(pallet.Index).WriteU8(pallet.Call("set_weights").Index).WriteU16(1);
        call.WriteLength(3).WriteU16(0).WriteU16(1).WriteU16(2);
        call.WriteLength(3).WriteU16(65535).WriteU16(32767).WriteU16(0);
        call.WriteU64(10_002_000);

        Assert.Equal("070001000c0000010002000cffffff7f0000509e980000000000", Convert.ToHexStringLower(call.ToArray()));
    }

    [FixtureFact(MetadataFiles.V14, MetadataFiles.V15, MetadataFiles.Devnet2025, MetadataFiles.Devnet2026)]
    public void Storage_entries_carry_hashers_types_modifier_and_defaults()
    {
        foreach (var file in AllFiles)
        {
            var metadata = MetadataFiles.Load(file);
            var types = metadata.Types;

            var uids = metadata.StorageEntry("SubtensorModule", "Uids");
            Assert.Equal("SubtensorModule", uids.Prefix);
            Assert.Equal(StorageEntryModifier.Optional, uids.Modifier);
            Assert.Equal([StorageHasher.Identity, StorageHasher.Blake2b128Concat], uids.Hashers);
            Assert.Equal(["u16", "AccountId32"], uids.KeyTypes.Select(types.Describe));
            Assert.Equal("u16", types.Describe(uids.ValueType));
            Assert.Null(uids.ValueOrDefault(null));

            var keys = metadata.StorageEntry("SubtensorModule", "Keys");
            Assert.Equal([StorageHasher.Identity, StorageHasher.Identity], keys.Hashers);
            Assert.Equal(["u16", "u16"], keys.KeyTypes.Select(types.Describe));
            Assert.Equal(new byte[32], keys.Default);

            var rateLimit = metadata.StorageEntry("SubtensorModule", "WeightsSetRateLimit");
            Assert.Equal(StorageEntryModifier.Default, rateLimit.Modifier);
            Assert.Equal([StorageHasher.Identity], rateLimit.Hashers);
            Assert.Equal(100UL, new ScaleReader(rateLimit.Default).ReadU64());

            var commitReveal = metadata.StorageEntry("SubtensorModule", "CommitRevealWeightsEnabled");
            Assert.Equal([1], commitReveal.ValueOrDefault(null)); // absent means enabled
            Assert.Equal([0], commitReveal.ValueOrDefault([0]));

            Assert.Equal([StorageHasher.Twox64Concat], metadata.StorageEntry("SubtensorModule", "RevealPeriodEpochs").Hashers);
            var version = metadata.StorageEntry("SubtensorModule", "CommitRevealWeightsVersion");
            Assert.Empty(version.Hashers);
            Assert.Empty(version.KeyTypes);
            Assert.Equal(4, new ScaleReader(version.Default).ReadU16());
            Assert.Equal("Vec<u64>", types.Describe(metadata.StorageEntry("SubtensorModule", "LastUpdate").ValueType));
        }
    }

    [FixtureFact(MetadataFiles.V15, MetadataFiles.Devnet2026)]
    public void Tempo_defaults_differ_between_mainnet_and_the_devnet_build()
    {
        Assert.Equal(360, new ScaleReader(MetadataFiles.Load(MetadataFiles.V15).StorageEntry("SubtensorModule", "Tempo").Default).ReadU16());
        Assert.Equal(10, new ScaleReader(MetadataFiles.Load(MetadataFiles.Devnet2026).StorageEntry("SubtensorModule", "Tempo").Default).ReadU16());
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Constants_hold_their_encoded_values()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var ss58 = metadata.Pallet("System").Constant("SS58Prefix");
        Assert.Equal(42, new ScaleReader(ss58.Value).ReadU16());
        var version = metadata.Pallet("System").Constant("Version");
        Assert.Equal("RuntimeVersion", metadata.Types.Describe(version.Type));
        Assert.Throws<KeyNotFoundException>(() => metadata.Pallet("System").Constant("NoSuchConstant"));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Runtime_api_methods_have_input_and_output_types()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var method = metadata.RuntimeApi("NeuronInfoRuntimeApi").Method("get_neurons_lite");

        Assert.Equal("NeuronInfoRuntimeApi_get_neurons_lite", method.StateCallName);
        Assert.Equal([("netuid", "u16")], method.Inputs.Select(input => (input.Name, metadata.Types.Describe(input.Type))));
        Assert.Equal("Vec<NeuronInfoLite<AccountId32>>", metadata.Types.Describe(method.OutputType));
        Assert.Equal(
            "pallet_subtensor::rpc_info::neuron_info::NeuronInfoLite",
            metadata.Types[((SequenceDef)metadata.Types[method.OutputType].Definition).ElementType].PathText);
        Assert.Throws<KeyNotFoundException>(() => metadata.RuntimeApi("NeuronInfoRuntimeApi").Method("no_such_method"));
    }

    [FixtureFact(MetadataFiles.Devnet2026)]
    public void V16_runtime_apis_are_read_too() =>
        Assert.Equal(
            "Vec<NeuronInfoLite<AccountId32>>",
            MetadataFiles.Load(MetadataFiles.Devnet2026).Types.Describe(
                MetadataFiles.Load(MetadataFiles.Devnet2026).RuntimeApi("NeuronInfoRuntimeApi").Method("get_neurons_lite").OutputType));

    [FixtureFact(MetadataFiles.V14)]
    public void V14_has_no_runtime_apis_and_says_to_request_V15()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => MetadataFiles.Load(MetadataFiles.V14).RuntimeApi("NeuronInfoRuntimeApi"));
        Assert.Contains("Metadata_metadata_at_version", error.Message, StringComparison.Ordinal);
    }

    [FixtureFact(MetadataFiles.V14, MetadataFiles.V15, MetadataFiles.Devnet2025, MetadataFiles.Devnet2026)]
    public void Transaction_extensions_are_listed_in_order()
    {
        string[] spec343 =
        [
            "CheckNonZeroSender", "CheckSpecVersion", "CheckTxVersion", "CheckGenesis", "CheckMortality", "CheckNonce",
            "CheckWeight", "ChargeTransactionPayment", "SubtensorTransactionExtension", "DrandPriority", "CheckMetadataHash",
        ];
        string[] spec381 = [.. spec343[..8], "SudoTransactionExtension", .. spec343[8..]];

        Assert.Equal(spec343, Identifiers(MetadataFiles.V14));
        Assert.Equal(spec343, Identifiers(MetadataFiles.V15));
        Assert.Equal(spec343, Identifiers(MetadataFiles.Devnet2025));
        Assert.Equal(spec381, Identifiers(MetadataFiles.Devnet2026));

        static IEnumerable<string> Identifiers(string file) =>
            MetadataFiles.Load(file).Extrinsic.TransactionExtensions.Select(extension => extension.Identifier);
    }

    [FixtureFact(MetadataFiles.V15, MetadataFiles.Devnet2026)]
    public void Extension_types_give_the_extra_and_implicit_byte_layout_of_section_2_6()
    {
        foreach (var file in new[] { MetadataFiles.V15, MetadataFiles.Devnet2026 })
        {
            var metadata = MetadataFiles.Load(file);
            var types = metadata.Types;
            var extensions = metadata.Extrinsic.TransactionExtensions.ToDictionary(extension => extension.Identifier);

            Assert.Equal("u32", types.Describe(extensions["CheckSpecVersion"].ImplicitType));
            Assert.Equal("H256", types.Describe(extensions["CheckGenesis"].ImplicitType));
            Assert.Equal(32, types.FixedSize(extensions["CheckMortality"].ImplicitType));
            Assert.Null(types.FixedSize(extensions["CheckMortality"].Type)); // Era: 1 or 2 bytes
            Assert.Equal("Option<[u8; 32]>", types.Describe(extensions["CheckMetadataHash"].ImplicitType));
            Assert.Equal(1, types.FixedSize(extensions["CheckMetadataHash"].Type));
            foreach (var empty in new[] { "CheckNonZeroSender", "CheckWeight", "SubtensorTransactionExtension", "DrandPriority" })
            {
                Assert.Equal(0, types.FixedSize(extensions[empty].Type));
                Assert.Equal(0, types.FixedSize(extensions[empty].ImplicitType));
            }
        }
    }

    [FixtureFact(MetadataFiles.V14, MetadataFiles.V15, MetadataFiles.Devnet2026)]
    public void Extrinsic_versions_and_types_are_exposed()
    {
        Assert.Equal([4], MetadataFiles.Load(MetadataFiles.V14).Extrinsic.Versions);
        Assert.Equal([4, 5], MetadataFiles.Load(MetadataFiles.Devnet2026).Extrinsic.Versions);
        foreach (var file in new[] { MetadataFiles.V14, MetadataFiles.V15, MetadataFiles.Devnet2026 })
        {
            var metadata = MetadataFiles.Load(file);
            Assert.Equal("MultiAddress<AccountId32, ()>", metadata.Types.Describe(metadata.Extrinsic.AddressType!.Value));
            Assert.Equal("MultiSignature", metadata.Types.Describe(metadata.Extrinsic.SignatureType!.Value));
            Assert.Equal("RuntimeCall", metadata.Types.Describe(metadata.Extrinsic.CallType!.Value));
        }
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Module_errors_resolve_to_the_pallet_error_variant()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var notRegistered = metadata.Pallet("SubtensorModule").Error("HotKeyNotRegisteredInSubNet");

        var (pallet, error) = metadata.ModuleError(7, notRegistered.Index);

        Assert.Equal("SubtensorModule", pallet.Name);
        Assert.Equal("HotKeyNotRegisteredInSubNet", error.Name);
        Assert.NotEmpty(error.Docs);
        Assert.Equal("CommitRevealEnabled", metadata.Pallet("SubtensorModule").Error("CommitRevealEnabled").Name);
        Assert.Throws<KeyNotFoundException>(() => metadata.ModuleError(7, 255));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Events_are_resolved_variants()
    {
        var weightsSet = MetadataFiles.Load(MetadataFiles.V15).Pallet("SubtensorModule").Event("WeightsSet");
        Assert.Equal(2, weightsSet.Fields.Count);
    }
}
