using System.Text;
using Loosh.Chain.Hashing;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Metadata;

/// <summary>
/// Builds storage keys: twox128(pallet prefix) ‖ twox128(item name) ‖ each SCALE-encoded key part hashed with its
/// entry's hasher. Fewer parts than hashers give a prefix, for <c>state_getKeysPaged</c> over a map.
/// </summary>
public static class StorageKeyBuilder
{
    /// <param name="entry">The storage item, from <see cref="PalletMetadata.StorageEntry"/>.</param>
    /// <param name="types">The registry, used to check each part's length against its fixed-size key type.</param>
    /// <param name="keys">The SCALE encoding of each key part, in order (e.g. netuid as u16, then a 32-byte hotkey).</param>
    public static byte[] Build(StorageEntryMetadata entry, TypeRegistry types, params ReadOnlySpan<byte[]> keys)
    {
        if (keys.Length > entry.Hashers.Count)
        {
            throw new ArgumentException($"{entry.Prefix}.{entry.Name} takes {entry.Hashers.Count} key parts, not {keys.Length}.", nameof(keys));
        }
        var key = new ScaleWriter(64);
        key.WriteBytes(SubstrateHash.Twox128(Encoding.UTF8.GetBytes(entry.Prefix)));
        key.WriteBytes(SubstrateHash.Twox128(Encoding.UTF8.GetBytes(entry.Name)));
        for (var i = 0; i < keys.Length; i++)
        {
            if (types.FixedSize(entry.KeyTypes[i]) is { } size && size != keys[i].Length)
            {
                throw new ArgumentException(
                    $"Key part {i} of {entry.Prefix}.{entry.Name} is a {types.Describe(entry.KeyTypes[i])}: {size} encoded bytes, not {keys[i].Length}.",
                    nameof(keys));
            }
            AppendHashed(key, entry.Hashers[i], keys[i]);
        }
        return key.ToArray();
    }

    private static void AppendHashed(ScaleWriter key, StorageHasher hasher, byte[] part)
    {
        switch (hasher)
        {
            case StorageHasher.Blake2b128:
                key.WriteBytes(SubstrateHash.Blake2b128(part));
                break;
            case StorageHasher.Blake2b256:
                key.WriteBytes(SubstrateHash.Blake2b256(part));
                break;
            case StorageHasher.Blake2b128Concat:
                key.WriteBytes(SubstrateHash.Blake2b128(part)).WriteBytes(part);
                break;
            case StorageHasher.Twox128:
                key.WriteBytes(SubstrateHash.Twox128(part));
                break;
            case StorageHasher.Twox256:
                key.WriteBytes(SubstrateHash.Twox(part, 4));
                break;
            case StorageHasher.Twox64Concat:
                key.WriteBytes(SubstrateHash.Twox(part, 1)).WriteBytes(part);
                break;
            case StorageHasher.Identity:
                key.WriteBytes(part);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(hasher), hasher, "Unknown storage hasher.");
        }
    }
}
