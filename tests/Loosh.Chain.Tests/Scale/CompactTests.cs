using System.Globalization;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Tests.Scale;

/// <summary>The standard compact vectors (parity-scale-codec), all four modes, and the canonical-form rules.</summary>
public sealed class CompactTests
{
    public static TheoryData<string, string> Vectors => new()
    {
        { "0", "00" },
        { "1", "04" },
        { "63", "fc" },
        { "64", "0101" },
        { "16383", "fdff" },
        { "16384", "02000100" },
        { "1073741823", "feffffff" },
        { "1073741824", "0300000040" },
        { "4294967295", "03ffffffff" },
        { "4294967296", "070000000001" },
        { "18446744073709551615", "13ffffffffffffffff" },
        { "340282366920938463463374607431768211455", "33ffffffffffffffffffffffffffffffff" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Writes_the_shortest_mode(string value, string hex) =>
        Assert.Equal(hex, Convert.ToHexStringLower(new ScaleWriter().WriteCompact(UInt128.Parse(value, CultureInfo.InvariantCulture)).ToArray()));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Reads_every_mode(string value, string hex)
    {
        var reader = new ScaleReader(Convert.FromHexString(hex));
        Assert.Equal(UInt128.Parse(value, CultureInfo.InvariantCulture), reader.ReadCompactU128());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Narrow_reads_accept_their_range_and_reject_beyond_it()
    {
        var u16Max = new ScaleWriter().WriteCompact(ushort.MaxValue).ToArray();
        Assert.Equal(ushort.MaxValue, new ScaleReader(u16Max).ReadCompactU16());
        Assert.Equal(uint.MaxValue, new ScaleReader(new ScaleWriter().WriteCompact(uint.MaxValue).ToArray()).ReadCompactU32());
        Assert.Equal(ulong.MaxValue, new ScaleReader(new ScaleWriter().WriteCompact(ulong.MaxValue).ToArray()).ReadCompactU64());

        var tooBig = new ScaleWriter().WriteCompact(ushort.MaxValue + 1u).ToArray();
        var error = Assert.Throws<ScaleDecodeException>(() => new ScaleReader(tooBig).ReadCompactU16());
        Assert.Contains("does not fit u16", error.Message, StringComparison.Ordinal);
        var beyondU64 = new ScaleWriter().WriteCompact((UInt128)ulong.MaxValue + 1).ToArray();
        Assert.Throws<ScaleDecodeException>(() => new ScaleReader(beyondU64).ReadCompactU64());
    }

    [Theory]
    [InlineData("0100")] // two-byte mode holding 0
    [InlineData("02000000")] // four-byte mode holding 0
    [InlineData("03ffffff3f")] // big mode holding 2^30 - 1
    [InlineData("07ffffffff00")] // big mode with a zero top byte
    public void Rejects_non_canonical_encodings(string hex)
    {
        var error = Assert.Throws<ScaleDecodeException>(() => new ScaleReader(Convert.FromHexString(hex)).ReadCompactU128());
        Assert.Contains("Non-canonical", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void Rejects_big_mode_wider_than_128_bits()
    {
        var seventeenBytes = Convert.FromHexString("37" + new string('f', 34));
        var error = Assert.Throws<ScaleDecodeException>(() => new ScaleReader(seventeenBytes).ReadCompactU128());
        Assert.Contains("17 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trips_across_mode_boundaries()
    {
        for (var bits = 0; bits < 128; bits++)
        {
            foreach (var value in new[] { (UInt128.One << bits) - 1, UInt128.One << bits, (UInt128.One << bits) + 1 })
            {
                var reader = new ScaleReader(new ScaleWriter().WriteCompact(value).ToArray());
                Assert.Equal(value, reader.ReadCompactU128());
                Assert.True(reader.IsAtEnd);
            }
        }
    }

    [Fact]
    public void A_length_beyond_int_is_rejected()
    {
        var error = Assert.Throws<ScaleDecodeException>(() => new ScaleReader(new ScaleWriter().WriteCompact(1UL << 31).ToArray()).ReadLength());
        Assert.Contains("length", error.Message, StringComparison.Ordinal);
    }
}
