using Loosh.Chain.Crypto;

namespace Loosh.Chain.Tests.Crypto;

/// <summary>SS58 vectors of chain.md §1.1 and §4, round trips over one- and two-byte prefixes, and bad input.</summary>
public sealed class Ss58Tests
{
    private const string LeopardAddress = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX";

    [Theory]
    [InlineData(Sr25519Tests.LeopardPublicKey, LeopardAddress)]
    [InlineData(Sr25519Tests.DevPublicKey, "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV")]
    [InlineData("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")]
    public void Known_addresses_encode_and_decode(string publicKey, string address)
    {
        Assert.Equal(address, Ss58.Encode(Convert.FromHexString(publicKey)));
        var (prefix, accountId) = Ss58.Decode(address);
        Assert.Equal(Ss58.SubstratePrefix, prefix);
        Assert.Equal(publicKey, Convert.ToHexStringLower(accountId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(255)]
    [InlineData(1000)]
    [InlineData(16383)]
    public void Every_prefix_round_trips(ushort prefix)
    {
        var accountId = new byte[32];
        new Random(prefix).NextBytes(accountId);
        var (decodedPrefix, decoded) = Ss58.Decode(Ss58.Encode(accountId, prefix));
        Assert.Equal(prefix, decodedPrefix);
        Assert.Equal(accountId, decoded);
    }

    [Fact]
    public void Leading_zero_bytes_survive_base58()
    {
        var data = new byte[] { 0, 0, 5, 0 };
        Assert.Equal(data, Base58.Decode(Base58.Encode(data)));
        Assert.StartsWith("11", Base58.Encode(data), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_checksum_is_reported()
    {
        var error = Assert.Throws<FormatException>(() => Ss58.Decode(LeopardAddress[..^1] + "Y"));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66Bs0", '0')]
    [InlineData("5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsO", 'O')]
    [InlineData("5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66Bsl", 'l')]
    [InlineData("5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66Bs ", ' ')]
    public void A_character_outside_base58_is_reported(string address, char bad)
    {
        var error = Assert.Throws<FormatException>(() => Ss58.Decode(address));
        Assert.Contains($"'{bad}' at position 47", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LeopardAddress + "1")]
    [InlineData("5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66Bs")]
    [InlineData("1")]
    public void A_wrong_length_is_reported(string address)
    {
        var error = Assert.Throws<FormatException>(() => Ss58.Decode(address));
        Assert.Contains("bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_address_is_refused() => Assert.Throws<FormatException>(() => Ss58.Decode(""));

    [Fact]
    public void A_one_byte_prefix_with_a_two_byte_prefix_length_is_refused()
    {
        var data = new byte[36];
        data[0] = 42;
        var error = Assert.Throws<FormatException>(() => Ss58.Decode(Base58.Encode(data)));
        Assert.Contains("1-byte prefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_byte_above_127_is_refused()
    {
        var data = new byte[35];
        data[0] = 0x80;
        var error = Assert.Throws<FormatException>(() => Ss58.Decode(Base58.Encode(data)));
        Assert.Contains("prefix", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(46)]
    [InlineData(47)]
    [InlineData(16384)]
    public void Reserved_and_too_large_prefixes_are_refused(ushort prefix) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ss58.Encode(new byte[32], prefix));

    [Fact]
    public void An_account_id_of_the_wrong_length_is_refused() =>
        Assert.Throws<ArgumentException>(() => Ss58.Encode(new byte[33]));
}
