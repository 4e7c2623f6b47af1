using Loosh.Chain.Hashing;

namespace Loosh.Chain.Crypto;

/// <summary>
/// SS58 addresses of 32-byte account ids: base58 of prefix ‖ account id ‖ checksum, where the checksum is the first
/// two bytes of BLAKE2b-512("SS58PRE" ‖ prefix ‖ account id). Prefixes below 64 take one byte, 64 to 16383 two.
/// Prefixes 46 and 47 are reserved and refused, as Substrate and polkadot-js do.
/// </summary>
public static class Ss58
{
    /// <summary>The generic Substrate prefix, which Bittensor uses.</summary>
    public const ushort SubstratePrefix = 42;

    public const ushort MaxPrefix = 16383;

    private const int AccountIdLength = 32;
    private const int ChecksumLength = 2;

    private static ReadOnlySpan<byte> ChecksumDomain => "SS58PRE"u8;

    public static string Encode(ReadOnlySpan<byte> accountId, ushort prefix = SubstratePrefix)
    {
        if (accountId.Length != AccountIdLength)
        {
            throw new ArgumentException($"An SS58 account id is {AccountIdLength} bytes, got {accountId.Length}.", nameof(accountId));
        }
        RequireAllowedPrefix(prefix);
        var prefixBytes = EncodePrefix(prefix);
        var data = new byte[prefixBytes.Length + AccountIdLength + ChecksumLength];
        prefixBytes.CopyTo(data, 0);
        accountId.CopyTo(data.AsSpan(prefixBytes.Length));
        Checksum(data.AsSpan(0, prefixBytes.Length + AccountIdLength)).CopyTo(data.AsSpan(prefixBytes.Length + AccountIdLength));
        return Base58.Encode(data);
    }

    /// <summary>
    /// The prefix and 32-byte account id of <paramref name="address"/>. Throws <see cref="FormatException"/> saying
    /// what is wrong: a character outside base58, a length that is not an account address, a reserved or malformed
    /// prefix, or a wrong checksum.
    /// </summary>
    public static (ushort Prefix, byte[] AccountId) Decode(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var data = Base58.Decode(address);
        const int shortest = 1 + AccountIdLength + ChecksumLength;
        if (data.Length is not (shortest or shortest + 1))
        {
            throw new FormatException($"SS58 address '{address}' decodes to {data.Length} bytes; an account address has {shortest} or {shortest + 1}.");
        }
        var (prefix, prefixLength) = DecodePrefix(data[0], data[1]);
        if (data.Length != prefixLength + AccountIdLength + ChecksumLength)
        {
            throw new FormatException($"SS58 address '{address}' decodes to {data.Length} bytes, which does not fit its {prefixLength}-byte prefix.");
        }
        var payload = data.AsSpan(0, prefixLength + AccountIdLength);
        if (!Checksum(payload).SequenceEqual(data.AsSpan(payload.Length)))
        {
            throw new FormatException($"SS58 address '{address}' has a wrong checksum.");
        }
        if (IsReserved(prefix))
        {
            throw new FormatException($"SS58 address '{address}' has the reserved prefix {prefix}.");
        }
        return (prefix, data.AsSpan(prefixLength, AccountIdLength).ToArray());
    }

    private static byte[] EncodePrefix(ushort prefix) =>
        prefix < 64
            ? [(byte)prefix]
            // The 14 bits split as: first byte 01 + bits 2..7, second byte bits 0..1 (high) + bits 8..13 (low).
            : [(byte)(((prefix & 0b1111_1100) >> 2) | 0b0100_0000), (byte)((prefix >> 8) | ((prefix & 0b11) << 6))];

    private static (ushort Prefix, int Length) DecodePrefix(byte first, byte second)
    {
        if (first < 64)
        {
            return (first, 1);
        }
        if (first >= 128)
        {
            throw new FormatException($"SS58 prefix byte 0x{first:x2} is not a valid prefix.");
        }
        return ((ushort)(((first & 0b0011_1111) << 2) | (second >> 6) | ((second & 0b0011_1111) << 8)), 2);
    }

    private static byte[] Checksum(ReadOnlySpan<byte> payload)
    {
        var input = new byte[ChecksumDomain.Length + payload.Length];
        ChecksumDomain.CopyTo(input);
        payload.CopyTo(input.AsSpan(ChecksumDomain.Length));
        return SubstrateHash.Blake2b(input, 64)[..ChecksumLength];
    }

    private static bool IsReserved(ushort prefix) => prefix is 46 or 47;

    private static void RequireAllowedPrefix(ushort prefix)
    {
        if (prefix > MaxPrefix || IsReserved(prefix))
        {
            throw new ArgumentOutOfRangeException(nameof(prefix), prefix, $"An SS58 prefix is 0 to {MaxPrefix}, except the reserved 46 and 47.");
        }
    }
}
