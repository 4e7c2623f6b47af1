using Loosh.Chain.Metadata;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Tests.Metadata;

/// <summary>Parsing every metadata fixture (V14, V15, two V16) to the last byte, and the wrapper and error cases.</summary>
public sealed class MetadataParserTests
{
    [FixtureFact(MetadataFiles.V14, MetadataFiles.V15, MetadataFiles.Devnet2025, MetadataFiles.Devnet2026)]
    public void Every_fixture_parses_with_its_version_and_spec()
    {
        var expected = new (string File, int Version, uint Spec, int Pallets)[]
        {
            (MetadataFiles.V14, 14, 343, 26),
            (MetadataFiles.V15, 15, 343, 26),
            (MetadataFiles.Devnet2025, 16, 346, 26),
            (MetadataFiles.Devnet2026, 16, 381, 27),
        };
        foreach (var (file, version, spec, pallets) in expected)
        {
            var metadata = MetadataFiles.Load(file);
            Assert.Equal(version, metadata.Version);
            Assert.Equal(spec, metadata.SpecVersion());
            Assert.Equal(pallets, metadata.Pallets.Count);
            Assert.True(metadata.Types.Count > 500, file);
        }
    }

    [FixtureFact(MetadataFiles.V14, MetadataFiles.V15)]
    public void V15_shares_the_V14_registry_prefix_and_adds_runtime_apis()
    {
        var v14 = MetadataFiles.Load(MetadataFiles.V14);
        var v15 = MetadataFiles.Load(MetadataFiles.V15);

        Assert.Empty(v14.RuntimeApis);
        Assert.Equal(22, v15.RuntimeApis.Count);
        Assert.Equal(v14.Pallets.Select(pallet => (pallet.Name, pallet.Index)), v15.Pallets.Select(pallet => (pallet.Name, pallet.Index)));
        Assert.Equal(
            v14.Types.Describe(v14.Pallet("SubtensorModule").CallsType!.Value),
            v15.Types.Describe(v15.Pallet("SubtensorModule").CallsType!.Value));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void The_state_call_wrapper_Option_OpaqueMetadata_is_unwrapped()
    {
        var bytes = ChainFixtures.Bytes(MetadataFiles.V15);
        var wrapped = new ScaleWriter().WriteOptionTag(true).WriteByteVec(bytes).ToArray();

        var metadata = RuntimeMetadata.ParseVersioned(wrapped);

        Assert.NotNull(metadata);
        Assert.Equal(15, metadata.Version);
        Assert.Equal(343u, metadata.SpecVersion());
    }

    [Fact]
    public void An_unavailable_version_is_null() => Assert.Null(RuntimeMetadata.ParseVersioned([0x00]));

    [FixtureFact(MetadataFiles.V15)]
    public void Errors_inside_the_wrapper_name_the_offset_in_the_whole_result()
    {
        var bytes = ChainFixtures.Bytes(MetadataFiles.V15).AsSpan(0, 5000).ToArray();
        var wrapped = new ScaleWriter().WriteOptionTag(true).WriteByteVec(bytes).ToArray();

        var error = Assert.Throws<ScaleDecodeException>(() => RuntimeMetadata.ParseVersioned(wrapped));
        var unwrapped = Assert.Throws<ScaleDecodeException>(() => RuntimeMetadata.Parse(bytes));

        Assert.Equal(unwrapped.Offset + 3, error.Offset); // tag byte and two-byte compact length come first
        Assert.StartsWith("Invalid metadata inside Option<OpaqueMetadata>", error.Message, StringComparison.Ordinal);
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Truncated_metadata_fails_with_the_offset()
    {
        var bytes = ChainFixtures.Bytes(MetadataFiles.V15);
        var error = Assert.Throws<ScaleDecodeException>(() => RuntimeMetadata.Parse(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.InRange(error.Offset, 5, bytes.Length - 1);
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Trailing_bytes_after_the_metadata_are_refused()
    {
        var bytes = ChainFixtures.Bytes(MetadataFiles.V15).Append((byte)0).ToArray();
        var error = Assert.Throws<ScaleDecodeException>(() => RuntimeMetadata.Parse(bytes));
        Assert.Equal(bytes.Length - 1, error.Offset);
    }

    [Fact]
    public void Input_without_the_magic_is_not_metadata()
    {
        var error = Assert.Throws<ScaleDecodeException>(() => RuntimeMetadata.Parse("mete\x0e"u8));
        Assert.Equal(0, error.Offset);
        Assert.Contains("6d657461", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(17)]
    public void Unsupported_versions_say_how_to_get_V15(byte version)
    {
        var error = Assert.Throws<NotSupportedException>(() => RuntimeMetadata.Parse([.. "meta"u8, version, 0]));
        Assert.Contains($"V{version}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Metadata_metadata_at_version", error.Message, StringComparison.Ordinal);
    }
}
