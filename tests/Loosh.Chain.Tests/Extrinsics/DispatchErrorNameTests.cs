using Loosh.Chain.Extrinsics;
using Loosh.Chain.Metadata;
using Loosh.Chain.Tests.Metadata;

namespace Loosh.Chain.Tests.Extrinsics;

/// <summary>DispatchError values named through the spec-343 metadata.</summary>
public sealed class DispatchErrorNameTests
{
    [FixtureFact(MetadataFiles.V15)]
    public void A_module_error_is_named_pallet_dot_error()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var error = metadata.Pallet("SubtensorModule").Error("HotKeyNotRegisteredInSubNet");
        var module = new VariantValue("Module", 3, [new NamedValue(null, new CompositeValue([
            new NamedValue("index", new UnsignedValue(Primitive.U8, 7)),
            new NamedValue("error", new BytesValue([error.Index, 0, 0, 0])),
        ]))]);

        Assert.Equal("SubtensorModule.HotKeyNotRegisteredInSubNet", ExtrinsicOutcomeReader.DispatchErrorName(metadata, module));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void Other_dispatch_errors_are_named_by_their_variants()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        var arithmetic = new VariantValue("Arithmetic", 8, [new NamedValue(null, new VariantValue("Underflow", 0, []))]);

        Assert.Equal("BadOrigin", ExtrinsicOutcomeReader.DispatchErrorName(metadata, new VariantValue("BadOrigin", 2, [])));
        Assert.Equal("Arithmetic(Underflow)", ExtrinsicOutcomeReader.DispatchErrorName(metadata, arithmetic));
    }
}
