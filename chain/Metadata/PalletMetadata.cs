namespace Loosh.Chain.Metadata;

/// <summary>
/// One pallet: its index (the first byte of its calls and the pallet byte of <c>DispatchError::Module</c>), storage,
/// constants, and its call, event and error enums already resolved from the type registry.
/// </summary>
public sealed record PalletMetadata(
    string Name,
    byte Index,
    IReadOnlyList<StorageEntryMetadata> Storage,
    int? CallsType,
    IReadOnlyList<Variant> Calls,
    int? EventsType,
    IReadOnlyList<Variant> Events,
    int? ErrorsType,
    IReadOnlyList<Variant> Errors,
    IReadOnlyList<ConstantMetadata> Constants)
{
    /// <summary>A call by name: its <see cref="Variant.Index"/> is the call index, its fields the arguments in order.</summary>
    public Variant Call(string name) => Named(Calls, name, "call");

    public Variant Event(string name) => Named(Events, name, "event");

    public Variant Error(string name) => Named(Errors, name, "error");

    /// <summary>The error for the first byte of <c>DispatchError::Module { error }</c>.</summary>
    public Variant Error(byte index) =>
        Errors.FirstOrDefault(error => error.Index == index)
            ?? throw new KeyNotFoundException($"Pallet {Name} has no error with index {index}.");

    public StorageEntryMetadata StorageEntry(string name) =>
        Storage.FirstOrDefault(entry => entry.Name == name)
            ?? throw new KeyNotFoundException($"Pallet {Name} has no storage entry {name}.");

    public ConstantMetadata Constant(string name) =>
        Constants.FirstOrDefault(constant => constant.Name == name)
            ?? throw new KeyNotFoundException($"Pallet {Name} has no constant {name}.");

    private Variant Named(IReadOnlyList<Variant> variants, string name, string kind) =>
        variants.FirstOrDefault(variant => variant.Name == name)
            ?? throw new KeyNotFoundException($"Pallet {Name} has no {kind} {name}.");
}

/// <summary>A pallet constant: its type and SCALE-encoded value.</summary>
public sealed record ConstantMetadata(string Name, int Type, byte[] Value);
