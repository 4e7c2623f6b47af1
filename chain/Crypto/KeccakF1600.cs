using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Loosh.Chain.Crypto;

/// <summary>
/// The Keccak-f[1600] permutation (FIPS 202) on a 200-byte state of 25 little-endian lanes. Managed because STROBE
/// needs the bare permutation with its own padding, which no .NET API exposes.
/// </summary>
internal static class KeccakF1600
{
    public const int StateBytes = 200;

    private const int Lanes = 25;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
        0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ];

    // ρ rotation offsets, indexed by lane x + 5y.
    private static ReadOnlySpan<byte> RotationOffsets =>
    [
        0, 1, 62, 28, 27,
        36, 44, 6, 55, 20,
        3, 10, 43, 25, 39,
        41, 45, 15, 21, 8,
        18, 2, 61, 56, 14,
    ];

    public static void Permute(Span<byte> state)
    {
        if (state.Length != StateBytes)
        {
            throw new ArgumentException($"The Keccak state is {StateBytes} bytes.", nameof(state));
        }
        Span<ulong> lanes = stackalloc ulong[Lanes];
        for (var i = 0; i < Lanes; i++)
        {
            lanes[i] = BinaryPrimitives.ReadUInt64LittleEndian(state[(8 * i)..]);
        }
        Permute(lanes);
        for (var i = 0; i < Lanes; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(state[(8 * i)..], lanes[i]);
        }
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(lanes));
    }

    private static void Permute(Span<ulong> a)
    {
        Span<ulong> columns = stackalloc ulong[5];
        Span<ulong> b = stackalloc ulong[Lanes];
        foreach (var roundConstant in RoundConstants)
        {
            // θ: xor each lane with the parities of two neighbouring columns.
            for (var x = 0; x < 5; x++)
            {
                columns[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }
            for (var x = 0; x < 5; x++)
            {
                var d = columns[(x + 4) % 5] ^ BitOperations.RotateLeft(columns[(x + 1) % 5], 1);
                for (var y = 0; y < Lanes; y += 5)
                {
                    a[x + y] ^= d;
                }
            }
            // ρ and π: rotate every lane and move lane (x, y) to (y, 2x + 3y).
            for (var x = 0; x < 5; x++)
            {
                for (var y = 0; y < 5; y++)
                {
                    b[y + (5 * (((2 * x) + (3 * y)) % 5))] = BitOperations.RotateLeft(a[x + (5 * y)], RotationOffsets[x + (5 * y)]);
                }
            }
            // χ: the only non-linear step, along each row.
            for (var y = 0; y < Lanes; y += 5)
            {
                for (var x = 0; x < 5; x++)
                {
                    a[x + y] = b[x + y] ^ (~b[((x + 1) % 5) + y] & b[((x + 2) % 5) + y]);
                }
            }
            // ι
            a[0] ^= roundConstant;
        }
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(b));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(columns));
    }
}
