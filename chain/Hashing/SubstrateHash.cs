using System.Buffers.Binary;
using System.IO.Hashing;
using Geralt;

namespace Loosh.Chain.Hashing;

/// <summary>
/// The hashes Substrate uses: BLAKE2b at any output size (libsodium through Geralt), the "twox" family built from
/// XXH64, and the storage-key hashers. Pitfalls (chain.md §1.2): twox128 is two XXH64 runs (seeds 0 and 1) each
/// written little-endian, not XXH3-128; blake2_128 is a real 16-byte-output BLAKE2b, not a truncated one.
/// </summary>
public static class SubstrateHash
{
    /// <summary>BLAKE2b with an output of <paramref name="outputBytes"/> (16 to 64) bytes.</summary>
    public static byte[] Blake2b(ReadOnlySpan<byte> data, int outputBytes)
    {
        var hash = new byte[outputBytes];
        BLAKE2b.ComputeHash(hash, data);
        return hash;
    }

    public static byte[] Blake2b128(ReadOnlySpan<byte> data) => Blake2b(data, 16);

    public static byte[] Blake2b256(ReadOnlySpan<byte> data) => Blake2b(data, 32);

    /// <summary>XXH64 runs with seeds 0 … <paramref name="rounds"/>−1, each written little-endian: twox64 (1), twox128 (2), twox256 (4).</summary>
    public static byte[] Twox(ReadOnlySpan<byte> data, int rounds)
    {
        var hash = new byte[8 * rounds];
        for (var seed = 0; seed < rounds; seed++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(hash.AsSpan(8 * seed), XxHash64.HashToUInt64(data, seed));
        }
        return hash;
    }

    public static byte[] Twox128(ReadOnlySpan<byte> data) => Twox(data, 2);
}
