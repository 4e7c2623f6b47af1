using System.Text;
using Loosh.Chain.Hashing;

namespace Loosh.Chain.Tests;

/// <summary>Vectors from chain.md §1.1, checked there against polkadot-js.</summary>
public sealed class SubstrateHashTests
{
    [Theory]
    [InlineData("SubtensorModule", "658faa385070e074c85bf6b568cf0555")]
    [InlineData("Keys", "9f99a2ce711f3a31b2fc05604c93f179")]
    public void Twox128_matches_substrate(string text, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(SubstrateHash.Twox128(Encoding.UTF8.GetBytes(text))));

    [Fact]
    public void Blake2b_128_is_a_real_16_byte_output_not_a_truncation()
    {
        var data = Encoding.UTF8.GetBytes("SubtensorModule");
        Assert.Equal("b01b49b91c86e6c7a45600a9c2f0bcf2", Convert.ToHexStringLower(SubstrateHash.Blake2b128(data)));
        Assert.NotEqual(SubstrateHash.Blake2b256(data)[..16], SubstrateHash.Blake2b128(data));
    }

    [Fact]
    public void Blake2b_256_matches_substrate()
    {
        var hex = Convert.ToHexStringLower(SubstrateHash.Blake2b256(Encoding.UTF8.GetBytes("SubtensorModule")));
        Assert.StartsWith("be3a0133", hex, StringComparison.Ordinal);
        Assert.EndsWith("5a2bc97d", hex, StringComparison.Ordinal);
    }
}
