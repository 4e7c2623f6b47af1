using Loosh.Chain.Scale;

namespace Loosh.Chain.Metadata;

/// <summary>
/// A runtime's metadata (V14, V15 or V16): the type registry, pallets, extrinsic format and runtime APIs. Pallet
/// and call indexes, storage layouts and extension lists change between runtime upgrades, so the client reads them
/// from here, never from constants. V14 has no runtime-API section; ask a node for V15 with
/// <c>state_call("Metadata_metadata_at_version", 0x0f000000)</c> and parse the answer with <see cref="ParseVersioned"/>.
/// </summary>
public sealed class RuntimeMetadata
{
    internal RuntimeMetadata(
        int version,
        TypeRegistry types,
        IReadOnlyList<PalletMetadata> pallets,
        ExtrinsicMetadata extrinsic,
        IReadOnlyList<RuntimeApiMetadata> runtimeApis)
    {
        Version = version;
        Types = types;
        Pallets = pallets;
        Extrinsic = extrinsic;
        RuntimeApis = runtimeApis;
    }

    /// <summary>The metadata version: 14, 15 or 16.</summary>
    public int Version { get; }

    public TypeRegistry Types { get; }

    public IReadOnlyList<PalletMetadata> Pallets { get; }

    public ExtrinsicMetadata Extrinsic { get; }

    /// <summary>Runtime APIs with their method signatures; empty for V14, which does not describe them.</summary>
    public IReadOnlyList<RuntimeApiMetadata> RuntimeApis { get; }

    /// <summary>Metadata as <c>state_getMetadata</c> returns it: magic "meta", version byte, then the body.</summary>
    public static RuntimeMetadata Parse(ReadOnlySpan<byte> metadata) => MetadataParser.Parse(metadata);

    /// <summary>
    /// The result of <c>state_call("Metadata_metadata_at_version", version)</c>: an <c>Option&lt;OpaqueMetadata&gt;</c>
    /// (0x01, compact length, metadata). Null when the runtime does not offer that version (0x00).
    /// </summary>
    public static RuntimeMetadata? ParseVersioned(ReadOnlySpan<byte> stateCallResult)
    {
        var reader = new ScaleReader(stateCallResult);
        if (!reader.ReadOptionTag())
        {
            reader.EnsureConsumed();
            return null;
        }
        var length = reader.ReadLength();
        var start = reader.Position;
        var metadata = reader.ReadBytes(length);
        reader.EnsureConsumed();
        try
        {
            return Parse(metadata);
        }
        catch (ScaleDecodeException error)
        {
            throw new ScaleDecodeException($"Invalid metadata inside Option<OpaqueMetadata>: {error.Problem}", start + error.Offset);
        }
    }

    public PalletMetadata Pallet(string name) =>
        Pallets.FirstOrDefault(pallet => pallet.Name == name)
            ?? throw new KeyNotFoundException($"The runtime has no pallet {name}.");

    public PalletMetadata Pallet(byte index) =>
        Pallets.FirstOrDefault(pallet => pallet.Index == index)
            ?? throw new KeyNotFoundException($"The runtime has no pallet with index {index}.");

    public RuntimeApiMetadata RuntimeApi(string name) =>
        RuntimeApis.FirstOrDefault(api => api.Name == name)
            ?? throw new KeyNotFoundException(RuntimeApis.Count == 0
                ? $"Metadata V{Version} does not describe runtime APIs; request V15 with Metadata_metadata_at_version."
                : $"The runtime has no runtime API {name}.");

    /// <summary>The storage entry <paramref name="pallet"/>.<paramref name="item"/>, e.g. SubtensorModule.Uids.</summary>
    public StorageEntryMetadata StorageEntry(string pallet, string item) => Pallet(pallet).StorageEntry(item);

    /// <summary>The key of <paramref name="pallet"/>.<paramref name="item"/> for SCALE-encoded key parts; see <see cref="StorageKeyBuilder"/>.</summary>
    public byte[] StorageKey(string pallet, string item, params ReadOnlySpan<byte[]> keys) =>
        StorageKeyBuilder.Build(StorageEntry(pallet, item), Types, keys);

    /// <summary>
    /// Names a <c>DispatchError::Module { index, error }</c>: the pallet with that index and the error variant for
    /// the first error byte (the remaining three bytes are reserved).
    /// </summary>
    public (PalletMetadata Pallet, Variant Error) ModuleError(byte palletIndex, byte errorIndex)
    {
        var pallet = Pallet(palletIndex);
        return (pallet, pallet.Error(errorIndex));
    }

    /// <summary>The runtime's spec version, from its own <c>System.Version</c> constant.</summary>
    public uint SpecVersion()
    {
        var version = Pallet("System").Constant("Version");
        return Types.DecodeAll(version.Type, version.Value) is CompositeValue { } runtimeVersion
            && runtimeVersion["spec_version"] is UnsignedValue { } spec
                ? (uint)spec.Value
                : throw new InvalidOperationException("System.Version is not a RuntimeVersion with a spec_version.");
    }
}
