using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Loosh.Grains.Miners;

/// <summary>
/// The random numbers of one challenge's miner draw: SHA-256 in counter mode over a seed made from the challenge id
/// and our hotkey. The same challenge on the same validator always draws the same numbers, on any machine and .NET
/// version (System.Random's seeded sequence is not promised to stay the same), while different validators draw
/// differently for the same challenge.
/// </summary>
internal sealed class SelectionRandom
{
    private readonly byte[] _block;
    private ulong _counter;

    public SelectionRandom(string challengeId, string validatorHotkey)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(challengeId + "\n" + validatorHotkey));
        _block = new byte[seed.Length + sizeof(ulong)];
        seed.CopyTo(_block, 0);
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_block.AsSpan(_block.Length - sizeof(ulong)), _counter++);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(_block, hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>An index in [0, <paramref name="count"/>).</summary>
    public int NextIndex(int count) => Math.Min((int)(NextDouble() * count), count - 1);
}
