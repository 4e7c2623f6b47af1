using System.Text;
using Loosh.Chain.Wallet;
using static Loosh.Chain.Tests.Wallet.TestKeys;

namespace Loosh.Chain.Tests.Wallet;

/// <summary>WalletFiles.ReadHotkey on plain btwallet keyfiles written to a temporary wallet root.</summary>
public sealed class HotkeyFileTests : IDisposable
{
    private readonly TempWallet _wallet = new();

    public void Dispose() => _wallet.Dispose();

    private HotkeySecret Read(string json)
    {
        _wallet.WriteHotkey(json);
        return WalletFiles.ReadHotkey(_wallet.Layout);
    }

    private WalletFileException Refused(string json, WalletFileProblem problem)
    {
        _wallet.WriteHotkey(json);
        var error = Assert.Throws<WalletFileException>(() => WalletFiles.ReadHotkey(_wallet.Layout));
        Assert.Equal(problem, error.Problem);
        Assert.Equal(_wallet.Layout.HotkeyPath, error.Path);
        Assert.Contains(_wallet.Layout.HotkeyPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("expected", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void A_full_btwallet_keyfile_gives_the_phrase_first()
    {
        using var secret = Read(LeopardKeyfile);

        Assert.Equal(HotkeySecretForm.Phrase, secret.Form);
        Assert.Equal(LeopardPhrase, Encoding.UTF8.GetString(secret.Secret));
        Assert.Equal(LeopardPublic, Convert.ToHexStringLower(secret.DeclaredPublicKey));
        Assert.Equal(LeopardSs58, secret.DeclaredSs58Address);
        Assert.Equal(_wallet.Layout.HotkeyPath, secret.Path);
    }

    [Fact]
    public void A_seed_comes_before_a_private_key()
    {
        using var secret = Read($$"""{"secretSeed":"0x{{DevSeed}}","privateKey":"0x{{DevPrivateKey}}","publicKey":"0x{{DevPublic}}"}""");

        Assert.Equal(HotkeySecretForm.Seed, secret.Form);
        Assert.Equal(DevSeed, Convert.ToHexStringLower(secret.Secret));
        Assert.Equal(DevPublic, Convert.ToHexStringLower(secret.DeclaredPublicKey));
        Assert.Null(secret.DeclaredSs58Address);
    }

    [Fact]
    public void A_private_key_alone_is_read_as_64_bytes()
    {
        using var secret = Read($$"""{"privateKey":"0x{{DevPrivateKey}}","accountId":"0x{{DevPublic}}","ss58Address":"{{DevSs58}}"}""");

        Assert.Equal(HotkeySecretForm.PrivateKey, secret.Form);
        Assert.Equal(DevPrivateKey, Convert.ToHexStringLower(secret.Secret));
        Assert.Equal(DevPublic, Convert.ToHexStringLower(secret.DeclaredPublicKey));
    }

    [Fact]
    public void Hex_without_0x_null_fields_and_unknown_fields_are_accepted()
    {
        using var secret = Read($$"""{"comment":{"any":[1,2]},"secretPhrase":null,"secretSeed":"{{DevSeed.ToUpperInvariant()}}","publicKey":null}""");

        Assert.Equal(HotkeySecretForm.Seed, secret.Form);
        Assert.Equal(DevSeed, Convert.ToHexStringLower(secret.Secret));
        Assert.True(secret.DeclaredPublicKey.IsEmpty);
    }

    [Fact]
    public void Escaped_json_strings_are_unescaped()
    {
        using var secret = Read("""{"secretPhrase":"bottom\u0020drive obey lake curtain smoke basket hold race lonely fit walk"}""");

        Assert.Equal(DevPhrase, Encoding.UTF8.GetString(secret.Secret));
    }

    [Fact]
    public void Dispose_zeroes_the_secret_and_blocks_further_reads()
    {
        var secret = Read($$"""{"secretSeed":"0x{{DevSeed}}"}""");
        var bytes = secret.Secret;

        secret.Dispose();

        Assert.True(bytes.IndexOfAnyExcept((byte)0) < 0);
        Assert.Throws<ObjectDisposedException>(() => secret.Secret.Length);
    }

    [Fact]
    public void ToString_never_shows_the_secret()
    {
        using var secret = Read(LeopardKeyfile);

        Assert.DoesNotContain("leopard", secret.ToString(), StringComparison.Ordinal);
        Assert.Contains(_wallet.Layout.HotkeyPath, secret.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_hotkey_is_named_in_the_error()
    {
        var error = Assert.Throws<WalletFileException>(() => WalletFiles.ReadHotkey(new WalletLayout("validator", "absent", _wallet.Root)));

        Assert.Equal(WalletFileProblem.Missing, error.Problem);
        Assert.Contains(Path.Combine(_wallet.Root, "validator", "hotkeys", "absent"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_in_place_of_the_hotkey_is_unreadable()
    {
        Directory.CreateDirectory(_wallet.Layout.HotkeyPath);

        var error = Assert.Throws<WalletFileException>(() => WalletFiles.ReadHotkey(_wallet.Layout));

        Assert.Equal(WalletFileProblem.Unreadable, error.Problem);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[\"secretPhrase\"]")]
    [InlineData("{\"secretPhrase\":\"bottom drive\"")]
    [InlineData("{\"secretSeed\":\"00\"} trailing")]
    [InlineData("")]
    public void Text_that_is_not_a_json_object_is_refused(string text) => Refused(text, WalletFileProblem.NotJson);

    [Fact]
    public void Invalid_utf8_is_refused_as_not_json()
    {
        _wallet.WriteHotkey([(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        Assert.Equal(WalletFileProblem.NotJson, Assert.Throws<WalletFileException>(() => WalletFiles.ReadHotkey(_wallet.Layout)).Problem);
    }

    [Fact]
    public void A_public_only_file_has_no_key_field()
    {
        var error = Refused($$"""{"accountId":"0x{{DevPublic}}","publicKey":"0x{{DevPublic}}","ss58Address":"{{DevSs58}}"}""", WalletFileProblem.NoKeyField);

        Assert.Contains("secretPhrase", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secretSeed", "0x" + DevSeed + "00")]
    [InlineData("secretSeed", "0x" + "zz" + "c7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e")]
    [InlineData("privateKey", "0x" + DevSeed)]
    [InlineData("publicKey", "0x46eb")]
    public void Bad_hex_or_a_wrong_length_is_refused_without_echoing_the_digits(string field, string value)
    {
        var json = field == "publicKey" ? $$"""{"secretSeed":"{{DevSeed}}","publicKey":"{{value}}"}""" : $$"""{"{{field}}":"{{value}}"}""";

        var error = Refused(json, WalletFileProblem.InvalidField);

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value[2..], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_string_key_field_is_refused() =>
        Refused("""{"secretSeed":12345}""", WalletFileProblem.InvalidField);

    [Fact]
    public void A_blank_phrase_is_refused() =>
        Refused("""{"secretPhrase":"  "}""", WalletFileProblem.InvalidField);

    [Fact]
    public void A_repeated_secret_field_is_refused() =>
        Refused($$"""{"secretSeed":"{{DevSeed}}","secretSeed":"{{LeopardSeed}}"}""", WalletFileProblem.InvalidField);

    [Fact]
    public void Disagreeing_public_key_and_account_id_are_refused() =>
        Refused($$"""{"secretSeed":"{{DevSeed}}","publicKey":"0x{{DevPublic}}","accountId":"0x{{LeopardPublic}}"}""", WalletFileProblem.InvalidField);

    [Theory]
    [InlineData("$ANSIBLE_VAULT;1.1;AES256\n6162636465", "Ansible Vault")]
    [InlineData("gAAAAABkZXYtdGVzdC1ub3QtYS1yZWFsLWtleQ==", "Fernet")]
    public void Legacy_encrypted_keyfiles_are_refused_by_name(string content, string format)
    {
        var error = Refused(content, WalletFileProblem.UnsupportedFormat);

        Assert.Contains(format, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_file_is_not_read()
    {
        _wallet.WriteHotkey(new byte[65 * 1024]);

        Assert.Equal(WalletFileProblem.Corrupt, Assert.Throws<WalletFileException>(() => WalletFiles.ReadHotkey(_wallet.Layout)).Problem);
    }
}
