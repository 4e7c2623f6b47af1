using System.Numerics;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// The mortality of a transaction: valid from its birth block for <see cref="Period"/> blocks. Encoded in two bytes
/// (chain.md §2.6): period rounded up to a power of two in [4, 65536], phase = birth block mod period, quantised.
/// </summary>
public readonly record struct MortalEra(ulong Period, ulong Phase)
{
    /// <summary>The Python SDK's default validity window.</summary>
    public const ulong DefaultPeriod = 128;

    /// <summary>An era starting at <paramref name="currentBlock"/> and lasting about <paramref name="period"/> blocks.</summary>
    public static MortalEra Starting(ulong currentBlock, ulong period = DefaultPeriod)
    {
        var rounded = Math.Clamp(BitOperations.RoundUpToPowerOf2(Math.Max(period, 1)), 4UL, 65536UL);
        var quantizeFactor = Math.Max(rounded >> 12, 1);
        var phase = currentBlock % rounded / quantizeFactor * quantizeFactor;
        return new MortalEra(rounded, phase);
    }

    /// <summary>The block whose hash the signing payload commits to: the most recent block with this era's phase.</summary>
    public ulong BirthBlock(ulong currentBlock) => (Math.Max(currentBlock, Phase) - Phase) / Period * Period + Phase;

    /// <summary>The two little-endian bytes of the era.</summary>
    public byte[] Encode()
    {
        var quantizeFactor = Math.Max(Period >> 12, 1);
        var low = (ulong)Math.Min(15, Math.Max(1, BitOperations.TrailingZeroCount(Period) - 1));
        var encoded = (ushort)(low | (Phase / quantizeFactor << 4));
        return [(byte)encoded, (byte)(encoded >> 8)];
    }
}
