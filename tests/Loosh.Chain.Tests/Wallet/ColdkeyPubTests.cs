using Loosh.Chain.Wallet;
using static Loosh.Chain.Tests.Wallet.TestKeys;

namespace Loosh.Chain.Tests.Wallet;

/// <summary>WalletFiles.ReadColdkeyPub on btwallet's public-only coldkeypub.txt.</summary>
public sealed class ColdkeyPubTests : IDisposable
{
    private readonly TempWallet _wallet = new();

    public void Dispose() => _wallet.Dispose();

    [Fact]
    public void A_btwallet_coldkeypub_gives_the_key_and_address()
    {
        _wallet.WriteColdkeyPub($$"""{"accountId":"0x{{LeopardPublic}}","publicKey":"0x{{LeopardPublic}}","ss58Address":"{{LeopardSs58}}"}""");

        var coldkey = WalletFiles.ReadColdkeyPub(_wallet.Layout);

        Assert.Equal(LeopardPublic, Convert.ToHexStringLower(coldkey.PublicKey.Span));
        Assert.Equal(LeopardSs58, coldkey.Ss58Address);
        Assert.Equal(_wallet.Layout.ColdkeyPubPath, coldkey.Path);
    }

    [Fact]
    public void An_address_alone_is_enough()
    {
        _wallet.WriteColdkeyPub($$"""{"ss58Address":"{{DevSs58}}"}""");

        var coldkey = WalletFiles.ReadColdkeyPub(_wallet.Layout);

        Assert.True(coldkey.PublicKey.IsEmpty);
        Assert.Equal(DevSs58, coldkey.Ss58Address);
    }

    [Theory]
    [InlineData("{}", WalletFileProblem.NoKeyField)]
    [InlineData("{\"publicKey\":\"0x1234\"}", WalletFileProblem.InvalidField)]
    [InlineData("5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV", WalletFileProblem.NotJson)]
    [InlineData("$NACL0123456789012345678901234567890123456789", WalletFileProblem.UnsupportedFormat)]
    public void Unusable_coldkeypub_files_are_refused(string content, WalletFileProblem problem)
    {
        _wallet.WriteColdkeyPub(content);

        var error = Assert.Throws<WalletFileException>(() => WalletFiles.ReadColdkeyPub(_wallet.Layout));

        Assert.Equal(problem, error.Problem);
        Assert.Contains("coldkeypub.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_coldkeypub_is_named_in_the_error()
    {
        var error = Assert.Throws<WalletFileException>(() => WalletFiles.ReadColdkeyPub(_wallet.Layout));

        Assert.Equal(WalletFileProblem.Missing, error.Problem);
        Assert.Contains(_wallet.Layout.ColdkeyPubPath, error.Message, StringComparison.Ordinal);
    }
}
