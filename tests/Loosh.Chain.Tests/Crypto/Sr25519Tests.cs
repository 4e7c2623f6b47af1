using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Crypto;

namespace Loosh.Chain.Tests.Crypto;

/// <summary>Key vectors of chain.md §1.3 and §4, signing round trips, and everything Verify must reject.</summary>
public sealed class Sr25519Tests
{
    public const string DevPhrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
    public const string DevMiniSecret = "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";
    public const string DevPublicKey = "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a";
    public const string LeopardPhrase = "old leopard transfer rib spatial phone calm indicate online fire caution review";
    public const string LeopardMiniSecret = "da3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143";
    public const string LeopardPublicKey = "e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446";

    // polkadot-js's secretKey (ed25519 style: scalar × 8 ‖ nonce) for the "old leopard" phrase.
    private const string LeopardEd25519StyleSecretKey =
        "f8c8a8ec9d0fdd031353337936af279bbda106b3ba0d45d920334eaa9664d656"
        + "9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e";

    // A polkadot-js signature of "hello bittensor" by the "old leopard" key (chain.md §4).
    private const string RecordedSignature =
        "fe0b5979651c18e7088ddd2209279dd6228c8642b0ae8ef04d3b6b360bacc242"
        + "847288ff359085a848ec5745d1b8775a68798889b016a3f926df0d5cb3cd748e";

    private static readonly byte[] Message = Encoding.UTF8.GetBytes("hello bittensor");

    private static readonly BigInteger GroupOrder =
        (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493", CultureInfo.InvariantCulture);

    [Fact]
    public void The_dev_phrase_root_key_expands_to_the_known_scalar_nonce_and_public_key()
    {
        using var pair = Sr25519KeyPair.FromMiniSecret(Convert.FromHexString(DevMiniSecret));
        Assert.Equal(DevPublicKey, Hex(pair.PublicKey.Span));
        var secretKey = pair.ExportSecretKey(Sr25519SecretKeyForm.Schnorrkel);
        Assert.Equal("05d65584630d16cd4af6d0bec10f34bb504a5dcb62dba2122d49f5a663763d0a", Hex(secretKey.AsSpan(0, 32)));
        Assert.Equal("fd190cce74df356432b410bd64682309d6dedb27c76845daf388557cbac3ca34", Hex(secretKey.AsSpan(32)));
    }

    [Theory]
    [InlineData(DevPhrase, DevMiniSecret, DevPublicKey)]
    [InlineData(LeopardPhrase, LeopardMiniSecret, LeopardPublicKey)]
    public void A_mnemonic_gives_the_known_key(string phrase, string miniSecret, string publicKey)
    {
        Assert.Equal(miniSecret, Hex(Mnemonic.ToMiniSecret(phrase)));
        using var pair = Sr25519KeyPair.FromMnemonic(phrase);
        Assert.Equal(publicKey, Hex(pair.PublicKey.Span));
    }

    [Fact]
    public void Both_secret_key_forms_of_the_leopard_key_are_the_known_ones()
    {
        using var pair = Sr25519KeyPair.FromMnemonic(LeopardPhrase);
        Assert.Equal(LeopardEd25519StyleSecretKey, Hex(pair.ExportSecretKey(Sr25519SecretKeyForm.Ed25519Style)));
        var schnorrkel = Hex(pair.ExportSecretKey(Sr25519SecretKeyForm.Schnorrkel));
        Assert.StartsWith("1f1995bd", schnorrkel, StringComparison.Ordinal);
        Assert.EndsWith("92ccda0a" + LeopardEd25519StyleSecretKey[64..], schnorrkel, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Sr25519SecretKeyForm.Schnorrkel)]
    [InlineData(Sr25519SecretKeyForm.Ed25519Style)]
    public void A_secret_key_in_either_form_loads_back_to_the_same_key(Sr25519SecretKeyForm form)
    {
        using var original = Sr25519KeyPair.FromMnemonic(LeopardPhrase);
        var secretKey = original.ExportSecretKey(form);
        using var loaded = Sr25519KeyPair.FromSecretKey(secretKey, form);
        using var matched = Sr25519KeyPair.FromSecretKeyMatching(secretKey, original.PublicKey.Span);
        Assert.Equal(LeopardPublicKey, Hex(loaded.PublicKey.Span));
        Assert.Equal(LeopardPublicKey, Hex(matched.PublicKey.Span));
        Assert.True(Sr25519.Verify(original.PublicKey.Span, Message, loaded.Sign(Message)));
    }

    [Fact]
    public void A_schnorrkel_secret_key_read_as_ed25519_style_gives_another_public_key()
    {
        using var original = Sr25519KeyPair.FromMnemonic(LeopardPhrase);
        using var wrong = Sr25519KeyPair.FromSecretKey(original.ExportSecretKey(Sr25519SecretKeyForm.Schnorrkel), Sr25519SecretKeyForm.Ed25519Style);
        Assert.NotEqual(LeopardPublicKey, Hex(wrong.PublicKey.Span));
    }

    [Fact]
    public void An_ed25519_style_secret_key_read_as_schnorrkel_has_a_scalar_above_the_group_order() =>
        Assert.Throws<ArgumentException>(() => Sr25519KeyPair.FromSecretKey(
            Convert.FromHexString(LeopardEd25519StyleSecretKey), Sr25519SecretKeyForm.Schnorrkel));

    [Fact]
    public void A_secret_key_matching_no_public_key_is_refused()
    {
        var secretKey = Convert.FromHexString(LeopardEd25519StyleSecretKey);
        Assert.Throws<CryptographicException>(() => Sr25519KeyPair.FromSecretKeyMatching(secretKey, Convert.FromHexString(DevPublicKey)));
    }

    [Fact]
    public void A_schnorrkel_secret_key_whose_scalar_is_not_below_the_group_order_is_refused()
    {
        var secretKey = new byte[64];
        secretKey.AsSpan(0, 32).Fill(0xff);
        Assert.Throws<ArgumentException>(() => Sr25519KeyPair.FromSecretKey(secretKey, Sr25519SecretKeyForm.Schnorrkel));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void A_mini_secret_of_the_wrong_length_is_refused(int length) =>
        Assert.Throws<ArgumentException>(() => Sr25519KeyPair.FromMiniSecret(new byte[length]));

    [Fact]
    public void The_recorded_polkadot_js_signature_verifies() =>
        Assert.True(Sr25519.Verify(Convert.FromHexString(LeopardPublicKey), Message, Convert.FromHexString(RecordedSignature)));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(166)]
    [InlineData(1000)]
    public void A_signature_verifies_and_carries_the_marker_bit(int length)
    {
        using var pair = Sr25519KeyPair.FromMiniSecret(Convert.FromHexString(DevMiniSecret));
        var message = new byte[length];
        new Random(length).NextBytes(message);
        var signature = pair.Sign(message);
        Assert.Equal(64, signature.Length);
        Assert.Equal(0x80, signature[63] & 0x80);
        Assert.True(Sr25519.Verify(pair.PublicKey.Span, message, signature));
    }

    [Fact]
    public void Signatures_are_randomised_unless_the_transcript_randomness_is_fixed()
    {
        using var pair = Sr25519KeyPair.FromMiniSecret(Convert.FromHexString(DevMiniSecret));
        Assert.NotEqual(pair.Sign(Message), pair.Sign(Message));
        var random = new byte[32];
        Assert.Equal(pair.Sign(Message, random), pair.Sign(Message, random));
    }

    [Fact]
    public void A_tampered_message_fails()
    {
        var tampered = Message.ToArray();
        tampered[0] ^= 1;
        Assert.False(Sr25519.Verify(Convert.FromHexString(LeopardPublicKey), tampered, Convert.FromHexString(RecordedSignature)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(62)]
    public void A_tampered_signature_fails(int index)
    {
        var signature = Convert.FromHexString(RecordedSignature);
        signature[index] ^= 0x10;
        Assert.False(Sr25519.Verify(Convert.FromHexString(LeopardPublicKey), Message, signature));
    }

    [Fact]
    public void A_signature_without_the_schnorrkel_marker_bit_fails()
    {
        var signature = Convert.FromHexString(RecordedSignature);
        signature[63] &= 0x7f;
        Assert.False(Sr25519.Verify(Convert.FromHexString(LeopardPublicKey), Message, signature));
    }

    [Fact]
    public void A_non_canonical_s_fails_although_it_is_the_same_scalar_mod_the_group_order()
    {
        var signature = Convert.FromHexString(RecordedSignature);
        var s = signature.AsSpan(32).ToArray();
        s[31] &= 0x7f;
        var sPlusOrder = FromLittleEndian(s) + GroupOrder;
        Assert.True(sPlusOrder < BigInteger.One << 255);
        ToLittleEndian(sPlusOrder).CopyTo(signature, 32);
        signature[63] |= 0x80;
        Assert.False(Sr25519.Verify(Convert.FromHexString(LeopardPublicKey), Message, signature));
    }

    [Fact]
    public void A_signature_by_another_key_fails() =>
        Assert.False(Sr25519.Verify(Convert.FromHexString(DevPublicKey), Message, Convert.FromHexString(RecordedSignature)));

    [Theory]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c94ff")]
    public void A_public_key_that_is_not_a_ristretto_encoding_fails(string publicKey) =>
        Assert.False(Sr25519.Verify(Convert.FromHexString(publicKey), Message, Convert.FromHexString(RecordedSignature)));

    [Fact]
    public void A_signature_whose_R_is_not_a_ristretto_encoding_fails()
    {
        var signature = Convert.FromHexString(RecordedSignature);
        signature.AsSpan(0, 32).Fill(0xff);
        Assert.False(Sr25519.Verify(Convert.FromHexString(LeopardPublicKey), Message, signature));
    }

    [Theory]
    [InlineData(31, 64)]
    [InlineData(32, 63)]
    [InlineData(32, 65)]
    public void Wrong_lengths_fail_without_an_exception(int publicKeyLength, int signatureLength)
    {
        var publicKey = Convert.FromHexString(LeopardPublicKey);
        var signature = Convert.FromHexString(RecordedSignature);
        Array.Resize(ref publicKey, publicKeyLength);
        Array.Resize(ref signature, signatureLength);
        Assert.False(Sr25519.Verify(publicKey, Message, signature));
    }

    [Fact]
    public void A_disposed_key_pair_no_longer_signs_or_exports()
    {
        var pair = Sr25519KeyPair.FromMiniSecret(Convert.FromHexString(DevMiniSecret));
        pair.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pair.Sign(Message));
        Assert.Throws<ObjectDisposedException>(() => pair.ExportSecretKey(Sr25519SecretKeyForm.Schnorrkel));
        Assert.Equal(DevPublicKey, Hex(pair.PublicKey.Span));
    }

    [Fact]
    public void Scalars_are_canonical_exactly_below_the_group_order()
    {
        Assert.True(Ristretto255.IsCanonicalScalar(ToLittleEndian(BigInteger.Zero)));
        Assert.True(Ristretto255.IsCanonicalScalar(ToLittleEndian(BigInteger.One << 252)));
        Assert.True(Ristretto255.IsCanonicalScalar(ToLittleEndian(GroupOrder - 1)));
        Assert.False(Ristretto255.IsCanonicalScalar(ToLittleEndian(GroupOrder)));
        Assert.False(Ristretto255.IsCanonicalScalar(ToLittleEndian(GroupOrder + 1)));
        Assert.False(Ristretto255.IsCanonicalScalar(ToLittleEndian(GroupOrder + (BigInteger.One << 128))));
    }

    internal static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static BigInteger FromLittleEndian(byte[] bytes) => new(bytes, isUnsigned: true, isBigEndian: false);

    private static byte[] ToLittleEndian(BigInteger value)
    {
        var bytes = new byte[32];
        Assert.True(value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false));
        return bytes;
    }
}
