using Loosh.Chain.Hashing;
using Loosh.Chain.Metadata;
using Loosh.Chain.Rpc;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// Reads how an included extrinsic fared: finds its position in the block, then the System.Events with that
/// <c>ApplyExtrinsic</c> phase, and names a <c>DispatchError</c> through the metadata. The node's watch only says
/// "in block"; the events are the only record of whether the call itself succeeded.
/// </summary>
public static class ExtrinsicOutcomeReader
{
    /// <exception cref="InvalidOperationException">The extrinsic is not in that block, or it has no ExtrinsicSuccess/ExtrinsicFailed event.</exception>
    public static async Task<ExtrinsicOutcome> ReadAsync(
        SubtensorNode node, RuntimeMetadata metadata, byte[] blockHash, bool finalized, byte[] extrinsic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(extrinsic);
        var extrinsics = await node.GetBlockExtrinsicsAsync(blockHash, cancellationToken).ConfigureAwait(false);
        var index = IndexOf(extrinsics, extrinsic);
        var hash = SubstrateHash.Blake2b256(extrinsic);
        if (index < 0)
        {
            throw new InvalidOperationException($"Extrinsic {Hex.Encode(hash)} is not among the {extrinsics.Count} extrinsics of block {Hex.Encode(blockHash)}.");
        }
        var entry = metadata.StorageEntry("System", "Events");
        var stored = await node.GetStorageAsync(metadata.StorageKey("System", "Events"), blockHash, cancellationToken).ConfigureAwait(false);
        var events = EventsOf(metadata.Types.DecodeAll(entry.ValueType, entry.ValueOrDefault(stored)!), index);
        return new ExtrinsicOutcome(hash, blockHash, finalized, index, DispatchResult(metadata, events, hash), events);
    }

    /// <summary>The events whose phase is <c>ApplyExtrinsic(<paramref name="index"/>)</c>, from a decoded System.Events value.</summary>
    public static IReadOnlyList<ChainEvent> EventsOf(ScaleValue systemEvents, int index)
    {
        ArgumentNullException.ThrowIfNull(systemEvents);
        var records = systemEvents as SequenceValue ?? throw new InvalidOperationException("System.Events did not decode to a sequence of event records.");
        var events = new List<ChainEvent>();
        foreach (var record in records.Items.Cast<CompositeValue>())
        {
            if (record["phase"] is VariantValue { Name: "ApplyExtrinsic", Fields: [{ Value: UnsignedValue phase }] } && phase.Value == (UInt128)index
                && record["event"] is VariantValue { Fields: [{ Value: VariantValue palletEvent }] } runtimeEvent)
            {
                events.Add(new ChainEvent(runtimeEvent.Name, palletEvent.Name, palletEvent.Fields));
            }
        }
        return events;
    }

    /// <summary>
    /// Names a decoded <c>DispatchError</c>: "Pallet.Error" for a module error, the variant name otherwise, with the
    /// inner variant in parentheses when there is one (e.g. "BadOrigin", "Arithmetic(Underflow)").
    /// </summary>
    public static string DispatchErrorName(RuntimeMetadata metadata, ScaleValue dispatchError)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return dispatchError switch
        {
            VariantValue { Name: "Module", Fields: [{ Value: CompositeValue module }] }
                when module["index"] is UnsignedValue pallet && module["error"] is BytesValue { Bytes.Length: > 0 } error =>
                ModuleErrorName(metadata, (byte)pallet.Value, error.Bytes[0]),
            VariantValue { Fields: [{ Value: VariantValue inner }] } outer => $"{outer.Name}({inner.Name})",
            VariantValue other => other.Name,
            _ => throw new InvalidOperationException($"A DispatchError decoded to {dispatchError}, not an enum value."),
        };
    }

    private static string ModuleErrorName(RuntimeMetadata metadata, byte palletIndex, byte errorIndex)
    {
        try
        {
            var (pallet, error) = metadata.ModuleError(palletIndex, errorIndex);
            return $"{pallet.Name}.{error.Name}";
        }
        catch (KeyNotFoundException)
        {
            return $"Module(pallet {palletIndex}, error {errorIndex})";
        }
    }

    private static string? DispatchResult(RuntimeMetadata metadata, IReadOnlyList<ChainEvent> events, byte[] hash)
    {
        foreach (var chainEvent in events.Where(chainEvent => chainEvent.Pallet == "System"))
        {
            switch (chainEvent.Name)
            {
                case "ExtrinsicSuccess":
                    return null;
                case "ExtrinsicFailed":
                    var dispatchError = chainEvent.Fields.FirstOrDefault(field => field.Name == "dispatch_error") ?? chainEvent.Fields[0];
                    return DispatchErrorName(metadata, dispatchError.Value);
                default:
                    break;
            }
        }
        throw new InvalidOperationException(
            $"Extrinsic {Hex.Encode(hash)} has no System.ExtrinsicSuccess or ExtrinsicFailed event (events: {string.Join(", ", events)}).");
    }

    private static int IndexOf(IReadOnlyList<byte[]> extrinsics, byte[] extrinsic)
    {
        for (var i = 0; i < extrinsics.Count; i++)
        {
            if (extrinsics[i].AsSpan().SequenceEqual(extrinsic))
            {
                return i;
            }
        }
        return -1;
    }
}
