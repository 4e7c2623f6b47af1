using Loosh.Chain.Wallet;

namespace Loosh.Chain.Tests.Wallet;

/// <summary>Hotkey files become keypairs only when the secret belongs to the key the file names.</summary>
public sealed class WalletKeysTests : IDisposable
{
    private readonly TempWallet _wallet = new();

    public void Dispose() => _wallet.Dispose();

    [Theory]
    [InlineData("secretPhrase", TestKeys.LeopardPhrase, HotkeySecretForm.Phrase)]
    [InlineData("secretSeed", "0x" + TestKeys.LeopardSeed, HotkeySecretForm.Seed)]
    public void Each_secret_form_gives_the_declared_key(string field, string value, HotkeySecretForm form)
    {
        _wallet.WriteHotkey($$"""{"{{field}}":"{{value}}","publicKey":"0x{{TestKeys.LeopardPublic}}","ss58Address":"{{TestKeys.LeopardSs58}}"}""");

        using var hotkey = WalletKeys.LoadHotkey(_wallet.Layout);

        Assert.Equal(form, hotkey.Form);
        Assert.Equal(TestKeys.LeopardSs58, hotkey.Ss58Address);
        Assert.Equal(TestKeys.LeopardPublic, Convert.ToHexStringLower(hotkey.Keys.PublicKey.Span));
    }

    [Fact]
    public void A_btwallet_private_key_is_matched_to_its_declared_public_key()
    {
        _wallet.WriteHotkey($$"""{"privateKey":"0x{{TestKeys.DevPrivateKey}}","publicKey":"0x{{TestKeys.DevPublic}}"}""");

        using var hotkey = WalletKeys.LoadHotkey(_wallet.Layout);

        Assert.Equal(HotkeySecretForm.PrivateKey, hotkey.Form);
        Assert.Equal(TestKeys.DevSs58, hotkey.Ss58Address);
    }

    [Fact]
    public void A_secret_that_belongs_to_another_key_is_refused_naming_the_file()
    {
        _wallet.WriteHotkey($$"""{"secretSeed":"0x{{TestKeys.DevSeed}}","publicKey":"0x{{TestKeys.LeopardPublic}}"}""");

        var error = Assert.Throws<WalletFileException>(() => WalletKeys.LoadHotkey(_wallet.Layout));

        Assert.Equal(WalletFileProblem.KeyMismatch, error.Problem);
        Assert.Contains(_wallet.Layout.HotkeyPath, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.DevSeed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_address_of_another_account_is_refused()
    {
        _wallet.WriteHotkey($$"""{"secretSeed":"0x{{TestKeys.LeopardSeed}}","ss58Address":"{{TestKeys.DevSs58}}"}""");

        Assert.Equal(WalletFileProblem.KeyMismatch, Assert.Throws<WalletFileException>(() => WalletKeys.LoadHotkey(_wallet.Layout)).Problem);
    }

    [Fact]
    public void A_phrase_with_a_bad_checksum_is_an_invalid_field()
    {
        var badPhrase = TestKeys.LeopardPhrase.Replace("review", "abandon", StringComparison.Ordinal);
        _wallet.WriteHotkey($$"""{"secretPhrase":"{{badPhrase}}"}""");

        Assert.Equal(WalletFileProblem.InvalidField, Assert.Throws<WalletFileException>(() => WalletKeys.LoadHotkey(_wallet.Layout)).Problem);
    }
}
