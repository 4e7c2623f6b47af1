using Loosh.Chain.Hashing;
using Loosh.Chain.Metadata;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Tests.Metadata;

/// <summary>Storage keys built from the spec-343 metadata equal the keys the Python SDK asked a real node for.</summary>
public sealed class StorageKeyBuilderTests
{
    private const string Hotkey = "1a33474e4a857009da52aaa4080f176465f99c09763e03b9cd5ee038cec4093e";
    private const string Delegate = "4af7598952f87683204a2a0c2266f941a74899bd69b0ce56e42a82820f689446";
    private const string Account = "1257de87a71abb164403f7cb9ea65d0721f8bb89d8bd85754deceedd91e86053";

    [FixtureTheory(MetadataFiles.V15, RecordedRpc.File)]
    [InlineData("SubtensorModule", "NetworksAdded", "0x658faa385070e074c85bf6b568cf05550e30450fc4d507a846032a7fa65d9a430100", "0100")]
    [InlineData("SubtensorModule", "Tempo", "0x658faa385070e074c85bf6b568cf05557641384bb339f3758acddfd7053d33171700", "1700")]
    [InlineData("SubtensorModule", "TotalNetworks", "0x658faa385070e074c85bf6b568cf05555f3bb7bcd0a076a48abf8c256d221721")]
    [InlineData("SubtensorModule", "Uids", "0x658faa385070e074c85bf6b568cf0555aab1b4e78e1ea8305462ee53b3686dc80e005d3e588dc49748e3395ac2bc5a234374" + Hotkey, "0e00", Hotkey)]
    [InlineData("SubtensorModule", "Weights", "0x658faa385070e074c85bf6b568cf0555a1e7036061f484bc3048a64b64e35ec417000a00", "1700", "0a00")]
    [InlineData("SubtensorModule", "Weights", "0x658faa385070e074c85bf6b568cf0555a1e7036061f484bc3048a64b64e35ec41700", "1700")]
    [InlineData("SubtensorModule", "IsNetworkMember", "0x658faa385070e074c85bf6b568cf0555ea6aa4e81a33d2c120ef55203e0eb5605d3e588dc49748e3395ac2bc5a234374" + Hotkey, Hotkey)]
    [InlineData("SubtensorModule", "Delegates", "0x658faa385070e074c85bf6b568cf055560d1f0ff648e4c86ea413fc0173d40383e9947bb89c47cd7ad643c5d30c0e695" + Delegate, Delegate)]
    [InlineData("SubtensorModule", "MechanismCountCurrent", "0x658faa385070e074c85bf6b568cf0555604fb97037feb8522bf37d42d54fa6e9f1577fbf1d628fdd0100", "0100")]
    [InlineData("Commitments", "CommitmentOf", "0xca407206ec1ab726b2636c4b145ac287419a60ae8b01e6dcaebd7317e43c69bf1700915e602fd97dd63a" + Delegate, "1700", Delegate)]
    [InlineData("System", "Account", "0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da911b12ddffa80cb6f18baa803af02c1d7" + Account, Account)]
    public void Keys_match_the_recorded_requests(string pallet, string item, string expected, params string[] keyParts)
    {
        var key = MetadataFiles.Load(MetadataFiles.V15).StorageKey(pallet, item, [.. keyParts.Select(Convert.FromHexString)]);

        Assert.Equal(expected, "0x" + Convert.ToHexStringLower(key));
        Assert.Contains(expected, RecordedRpc.RequestedStorageKeys());
    }

    [Fact]
    public void Every_hasher_is_applied_in_order()
    {
        var registry = new TestRegistry();
        var u8 = registry.Primitive(Primitive.U8);
        var hashers = Enum.GetValues<StorageHasher>();
        var entry = new StorageEntryMetadata("Pallet", "Item", StorageEntryModifier.Optional, hashers, [.. hashers.Select(_ => u8)], u8, []);
        byte[][] parts = [.. hashers.Select(hasher => new[] { (byte)hasher })];

        var key = StorageKeyBuilder.Build(entry, registry.Build(), parts);

        byte[] expected =
        [
            .. SubstrateHash.Twox128("Pallet"u8), .. SubstrateHash.Twox128("Item"u8),
            .. SubstrateHash.Blake2b128([0]),
            .. SubstrateHash.Blake2b256([1]),
            .. SubstrateHash.Blake2b128([2]), 2,
            .. SubstrateHash.Twox128([3]),
            .. SubstrateHash.Twox([4], 4),
            .. SubstrateHash.Twox([5], 1), 5,
            6,
        ];
        Assert.Equal(expected, key);
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Key_parts_must_match_fixed_size_key_types()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);

        var wrongWidth = Assert.Throws<ArgumentException>(() => metadata.StorageKey("SubtensorModule", "Tempo", new ScaleWriter().WriteU32(1).ToArray()));
        Assert.Contains("u16: 2 encoded bytes, not 4", wrongWidth.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => metadata.StorageKey("SubtensorModule", "Tempo", [1, 0], [2, 0]));
    }
}
