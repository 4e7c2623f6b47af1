using Loosh.Chain.Extrinsics;

namespace Loosh.Chain.Tests.Extrinsics;

public sealed class MortalEraTests
{
    [Fact]
    public void The_worked_example_of_chain_md_encodes_to_2605()
    {
        var era = MortalEra.Starting(6_852_690);

        Assert.Equal(128UL, era.Period);
        Assert.Equal(82UL, era.Phase);
        Assert.Equal("2605", Convert.ToHexStringLower(era.Encode()));
        Assert.Equal(6_852_690UL, era.BirthBlock(6_852_690));
        Assert.Equal(6_852_690UL, era.BirthBlock(6_852_700));
    }

    [Theory]
    [InlineData(1UL, 4UL)]
    [InlineData(100UL, 128UL)]
    [InlineData(1_000_000UL, 65536UL)]
    public void The_period_is_a_power_of_two_between_4_and_65536(ulong requested, ulong expected) =>
        Assert.Equal(expected, MortalEra.Starting(1000, requested).Period);

    [Fact]
    public void Long_periods_quantise_the_phase()
    {
        var era = MortalEra.Starting(100_003, 65536);

        Assert.Equal(0UL, era.Phase % 16);
        // low nibble: trailing zeros of 65536 (16) - 1 capped at 15; phase / 16 in the upper 12 bits
        var encoded = era.Encode();
        Assert.Equal(15, encoded[0] & 0x0f);
        Assert.Equal(era.Phase / 16, (ulong)((encoded[0] | encoded[1] << 8) >> 4));
    }
}
