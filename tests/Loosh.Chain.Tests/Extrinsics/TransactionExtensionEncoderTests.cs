using Loosh.Chain.Extrinsics;
using Loosh.Chain.Metadata;
using Loosh.Chain.Tests.Metadata;

namespace Loosh.Chain.Tests.Extrinsics;

/// <summary>
/// The rule of chain.md §2.6 for extensions the client does not know, on the spec-343 extension list with one
/// extension added or changed.
/// </summary>
public sealed class TransactionExtensionEncoderTests
{
    private static readonly TransactionParameters Parameters = new()
    {
        SpecVersion = 343,
        TransactionVersion = 1,
        GenesisHash = new byte[32],
        Nonce = 7,
    };

    [FixtureFact(MetadataFiles.V15)]
    public void An_unknown_extension_that_carries_data_is_refused_by_name()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var extensions = metadata.Extrinsic.TransactionExtensions.Append(new TransactionExtensionMetadata("PriorityFee", U64(metadata.Types), Empty(metadata))).ToList();

        var error = Assert.Throws<UnsupportedRuntimeException>(() => TransactionExtensionEncoder.Encode(metadata.Types, extensions, Parameters));

        Assert.Contains("PriorityFee", error.Message);
        Assert.Contains("extra u64", error.Message);
    }

    [FixtureFact(MetadataFiles.V15)]
    public void An_unknown_zero_sized_extension_adds_nothing()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var extensions = metadata.Extrinsic.TransactionExtensions;
        var withNew = extensions.Prepend(new TransactionExtensionMetadata("NewPhantomExtension", Empty(metadata), Empty(metadata))).ToList();

        var before = TransactionExtensionEncoder.Encode(metadata.Types, extensions, Parameters);
        var after = TransactionExtensionEncoder.Encode(metadata.Types, withNew, Parameters);

        Assert.Equal(before.Extra, after.Extra);
        Assert.Equal(before.Implicit, after.Implicit);
    }

    [FixtureFact(MetadataFiles.V15)]
    public void A_known_extension_whose_type_changed_is_refused()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var extensions = metadata.Extrinsic.TransactionExtensions
            .Select(extension => extension.Identifier == "CheckNonce" ? extension with { Type = U64(metadata.Types) } : extension)
            .ToList();

        var error = Assert.Throws<UnsupportedRuntimeException>(() => TransactionExtensionEncoder.Encode(metadata.Types, extensions, Parameters));

        Assert.Contains("CheckNonce", error.Message);
        Assert.Contains("u64", error.Message);
    }

    private static int U64(TypeRegistry types) =>
        types.Types.First(type => type.Definition is PrimitiveDef { Kind: Primitive.U64 }).Id;

    private static int Empty(RuntimeMetadata metadata) =>
        metadata.Extrinsic.TransactionExtensions.Single(extension => extension.Identifier == "CheckWeight").ImplicitType;
}
