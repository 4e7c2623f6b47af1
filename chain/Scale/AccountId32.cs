using System.Buffers.Binary;

namespace Loosh.Chain.Scale;

/// <summary>
/// A 32-byte account (an sr25519 public key on subtensor), held inline as four words so that decoding thousands
/// of neurons allocates no key arrays. Raw bytes only: SS58 text is the business of Loosh.Chain.Crypto.
/// </summary>
public readonly struct AccountId32 : IEquatable<AccountId32>
{
    public const int Size = 32;

    private readonly ulong _word0;
    private readonly ulong _word1;
    private readonly ulong _word2;
    private readonly ulong _word3;

    public AccountId32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"An AccountId32 has {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }
        _word0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        _word1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        _word2 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        _word3 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
    }

    public static AccountId32 Read(ref ScaleReader reader) => new(reader.ReadBytes(Size));

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _word0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _word1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _word2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _word3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public bool Equals(AccountId32 other) =>
        _word0 == other._word0 && _word1 == other._word1 && _word2 == other._word2 && _word3 == other._word3;

    public override bool Equals(object? obj) => obj is AccountId32 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_word0, _word1, _word2, _word3);

    /// <summary>The key as 0x-prefixed lower-case hex (the form RPC responses and logs use).</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return "0x" + Convert.ToHexStringLower(bytes);
    }

    public static bool operator ==(AccountId32 left, AccountId32 right) => left.Equals(right);

    public static bool operator !=(AccountId32 left, AccountId32 right) => !left.Equals(right);
}
