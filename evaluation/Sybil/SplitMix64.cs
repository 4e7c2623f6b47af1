namespace Loosh.Evaluation.Sybil;

/// <summary>
/// A tiny seeded random number generator (Steele, Lea and Flood's SplitMix64) for k-means seeding. Written out here
/// rather than using <see cref="Random"/> so the sequence is fixed by this code, not by the runtime version: two
/// validators on different .NET builds must draw the same numbers to compute the same trajectory fingerprints.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 pseudo-random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double uniformly drawn from [0, 1): the top 53 bits scaled by 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An index uniformly drawn from [0, <paramref name="count"/>).</summary>
    public int NextIndex(int count) => (int)(NextDouble() * count);
}
