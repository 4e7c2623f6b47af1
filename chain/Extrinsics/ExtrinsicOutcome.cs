using Loosh.Chain.Metadata;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// What happened to an extrinsic that made it into a block. Inclusion is not success: the call can still fail in
/// dispatch (e.g. SubtensorModule.HotKeyNotRegisteredInSubNet), and the nonce is spent either way. <see cref="Error"/>
/// is null on success; <see cref="Events"/> are the events the extrinsic emitted, in order, including the final
/// System.ExtrinsicSuccess or System.ExtrinsicFailed.
/// </summary>
public sealed record ExtrinsicOutcome(
    byte[] ExtrinsicHash,
    byte[] BlockHash,
    bool Finalized,
    int ExtrinsicIndex,
    string? Error,
    IReadOnlyList<ChainEvent> Events)
{
    public bool Succeeded => Error is null;

    /// <summary>The first event <paramref name="pallet"/>.<paramref name="name"/> of this extrinsic, or null.</summary>
    public ChainEvent? Event(string pallet, string name) =>
        Events.FirstOrDefault(chainEvent => chainEvent.Pallet == pallet && chainEvent.Name == name);
}

/// <summary>A runtime event, decoded from the metadata: e.g. SubtensorModule.WeightsSet with fields (netuid, uid).</summary>
public sealed record ChainEvent(string Pallet, string Name, IReadOnlyList<NamedValue> Fields)
{
    public override string ToString() => $"{Pallet}.{Name}";
}
