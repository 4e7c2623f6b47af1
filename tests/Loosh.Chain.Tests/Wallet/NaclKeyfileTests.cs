using System.Text;
using Loosh.Chain.Wallet;
using static Loosh.Chain.Tests.Wallet.TestKeys;

namespace Loosh.Chain.Tests.Wallet;

/// <summary>
/// The password-derived key of the encrypted vector, computed once: Argon2i with btwallet's limits takes seconds and
/// 512 MiB, so the tests that only need the key share it.
/// </summary>
public sealed class NaclVectorKey
{
    public byte[] Key { get; } = NaclKeyfile.DeriveKey(NaclKeyfileTests.Password, "test");
}

/// <summary>
/// <c>$NACL</c> keyfiles against a vector made by an independent implementation (not libsodium): Node 20 with the npm
/// packages hash-wasm 4.13.0 (<c>argon2i</c>: 8 iterations, 524288 KiB, parallelism 1, 32-byte hash, salt
/// <c>1371 83df f15a 09bc 9c90 b551 8739 e9b1</c>) and tweetnacl 1.0.3 (<c>secretbox</c>), with the nonce 01 02 … 18,
/// over the dev-phrase keyfile JSON <see cref="VectorPlaintext"/>; the file is <c>$NACL</c> ‖ nonce ‖ box.
/// </summary>
public sealed class NaclKeyfileTests(NaclVectorKey vectorKey) : IClassFixture<NaclVectorKey>, IDisposable
{
    public const string Password = "loosh test password";

    /// <summary>The key hash-wasm derived from <see cref="Password"/>.</summary>
    private const string VectorKey = "13dbc7e21c1d28c5d13efa3db16560033e46eadedc414bdbe56aa60395bcbe28";

    private const string VectorPlaintext =
        $$"""{"accountId":"0x{{DevPublic}}","publicKey":"0x{{DevPublic}}","secretPhrase":"{{DevPhrase}}","secretSeed":"0x{{DevSeed}}","ss58Address":"{{DevSs58}}"}""";

    private const string VectorFile =
        "JE5BQ0wBAgMEBQYHCAkKCwwNDg8QERITFBUWFxiyA09RpEP0HxfJV4X+qsVePU/dk0V3C/OnXcP18fTXLKUfdBCmrV8QbsuMQrZqralGtdvjvyhJmadBlbf0HJHrET6nh81cirSXJA7sOYCBup2Zsic4YVkPHffzxmfFagEL9epjGVf1L82pPKRtriab+2DmUjAoqhdA8KV5vtfphLjkVtDWvTJ8cuW1k4RvJPt0X3relUgYnjWhZpbb4G0saspeR+6McwS3YEcuI+twdU78v7eCGtVwuWpQs3Wo6cc7R5PaH0f5vrdfBS3U5EWqijd3IoUp774nScC4nVZX0hGdkgYC7zozhHrcFYSEZcGE1baEJoKi7WbhNzXzVOZnCPITI6NddjL3FALfkCQSP/uOMeHCqaaWOyJ0JakYvqz1CFOVMBMKKx4H2kHbOBwZInnFzhw9lBTb7w3kGzDTFzyNN/FvtMn3FbIreLr6w3UcMu+LQlP+H/1hmluHupLgGeJ2FYLwVCKykfpW15J1YaY1CsGzyJzjN71TaMu7XGcd7rzVJG6d7Qk5eNFsH3aB8smDl/RcZhTOf/tyrw==";

    private readonly TempWallet _wallet = new();

    public void Dispose() => _wallet.Dispose();

    private static byte[] Vector => Convert.FromBase64String(VectorFile);

    private WalletFileException Refused(byte[] file, string? password, WalletFileProblem problem)
    {
        _wallet.WriteHotkey(file);
        var error = Assert.Throws<WalletFileException>(() => WalletFiles.ReadHotkey(_wallet.Layout, password));
        Assert.Equal(problem, error.Problem);
        Assert.Contains(_wallet.Layout.HotkeyPath, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Libsodium_derives_the_same_key_as_an_independent_argon2i() =>
        Assert.Equal(VectorKey, Convert.ToHexStringLower(vectorKey.Key));

    [Fact]
    public void The_vector_opens_to_the_keyfile_json() =>
        Assert.Equal(VectorPlaintext, Encoding.UTF8.GetString(NaclKeyfile.Open(Vector, vectorKey.Key, "test")));

    [Fact]
    public void An_encrypted_hotkey_is_read_with_its_password()
    {
        _wallet.WriteHotkey(Vector);

        using var secret = WalletFiles.ReadHotkey(_wallet.Layout, Password);

        Assert.Equal(HotkeySecretForm.Phrase, secret.Form);
        Assert.Equal(DevPhrase, Encoding.UTF8.GetString(secret.Secret));
        Assert.Equal(DevPublic, Convert.ToHexStringLower(secret.DeclaredPublicKey));
        Assert.Equal(DevSs58, secret.DeclaredSs58Address);
    }

    [Fact]
    public void A_wrong_password_is_reported_as_such() =>
        Refused(Vector, "not the password", WalletFileProblem.WrongPassword);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_encrypted_hotkey_without_a_password_is_refused_before_any_work(string? password)
    {
        var error = Refused(Vector, password, WalletFileProblem.PasswordRequired);

        Assert.Contains("$NACL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(29)]
    [InlineData(200)]
    public void A_tampered_file_does_not_open(int position)
    {
        var tampered = Vector;
        tampered[position] ^= 0x01;

        var error = Assert.Throws<WalletFileException>(() => NaclKeyfile.Open(tampered, vectorKey.Key, "tampered"));

        Assert.Equal(WalletFileProblem.WrongPassword, error.Problem);
    }

    [Fact]
    public void A_truncated_file_is_reported_as_corrupt()
    {
        var error = Assert.Throws<WalletFileException>(() => NaclKeyfile.Open(Vector.AsSpan(0, 45).ToArray(), vectorKey.Key, "short"));

        Assert.Equal(WalletFileProblem.Corrupt, error.Problem);
    }
}
