namespace Loosh.Chain.Metadata;

/// <summary>
/// A storage item. Its key is twox128(<see cref="Prefix"/>) ‖ twox128(<see cref="Name"/>) ‖ each key hashed by its
/// hasher; <see cref="KeyTypes"/> lists the type of each key part, in order.
/// </summary>
public sealed record StorageEntryMetadata(
    string Prefix,
    string Name,
    StorageEntryModifier Modifier,
    IReadOnlyList<StorageHasher> Hashers,
    IReadOnlyList<int> KeyTypes,
    int ValueType,
    byte[] Default)
{
    /// <summary>
    /// The bytes to decode for a storage read: the stored value, or — because a node answers null for an unset
    /// <see cref="StorageEntryModifier.Default"/> item — the metadata's default (e.g. CommitRevealWeightsEnabled is
    /// true when absent). Null only for an absent <see cref="StorageEntryModifier.Optional"/> item.
    /// </summary>
    public byte[]? ValueOrDefault(byte[]? stored) =>
        stored ?? (Modifier == StorageEntryModifier.Default ? Default : null);
}

/// <summary>What reading an unset storage item means: nothing, or the metadata's default value.</summary>
public enum StorageEntryModifier : byte
{
    /// <summary>An absent value is None.</summary>
    Optional,

    /// <summary>An absent value reads as the metadata's default bytes.</summary>
    Default,
}

/// <summary>Substrate's storage hashers, in their SCALE index order (Blake2_128 … Identity).</summary>
public enum StorageHasher : byte
{
    Blake2b128,
    Blake2b256,
    Blake2b128Concat,
    Twox128,
    Twox256,
    Twox64Concat,
    Identity,
}
