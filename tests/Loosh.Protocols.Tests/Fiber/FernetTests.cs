using System.Buffers.Binary;
using System.Text;
using Loosh.Protocols.Fiber;

namespace Loosh.Protocols.Tests.Fiber;

/// <summary>FernetKey against the Python cryptography package's spec vector and the token rules (protocols.md §1.1(c)).</summary>
public sealed class FernetTests
{
    private const string VectorKey = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    private const string VectorToken = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";
    private const long VectorTime = 499162800;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void The_spec_vector_decrypts_to_hello()
    {
        var plaintext = FernetKey.Parse(VectorKey).Decrypt(VectorToken, TimeSpan.FromSeconds(60), ManualTime.AtUnixSeconds(VectorTime));

        Assert.Equal("hello", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void Encrypting_with_the_spec_iv_and_time_gives_the_spec_token()
    {
        var iv = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

        Assert.Equal(VectorToken, FernetKey.Parse(VectorKey).Encrypt("hello"u8, VectorTime, iv));
    }

    [Fact]
    public void Keys_are_44_characters_of_padded_url_safe_base64_and_round_trip()
    {
        var key = FernetKey.Generate();

        Assert.Equal(44, key.Text.Length);
        Assert.EndsWith("=", key.Text, StringComparison.Ordinal);
        Assert.Equal(key.Text, FernetKey.Parse(key.Text).Text);
        Assert.Throws<FormatException>(() => FernetKey.Parse(key.Text.TrimEnd('=')));
        Assert.Throws<FormatException>(() => FernetKey.Parse("c2hvcnQ="));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    public void Every_length_round_trips_and_pads_to_whole_blocks(int length)
    {
        var time = ManualTime.AtUnixSeconds(1_742_512_345);
        var key = FernetKey.Generate();
        var plaintext = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        var token = key.Encrypt(plaintext, time);

        Assert.Equal(plaintext, key.Decrypt(token, Hour, time));
        Assert.Equal(0, token.Length % 4);
        Assert.Equal(1 + 8 + 16 + (length / 16 + 1) * 16 + 32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/')).Length);
    }

    [Fact]
    public void A_token_older_than_the_ttl_is_rejected_and_without_ttl_accepted()
    {
        var time = ManualTime.AtUnixSeconds(1_742_512_345);
        var key = FernetKey.Generate();
        var token = key.Encrypt("x"u8, time);

        time.Advance(Hour);
        Assert.Equal("x"u8.ToArray(), key.Decrypt(token, Hour, time));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Throws<InvalidFernetTokenException>(() => key.Decrypt(token, Hour, time));
        Assert.Equal("x"u8.ToArray(), key.Decrypt(token, null, time));
    }

    [Fact]
    public void A_token_stamped_more_than_60_seconds_ahead_is_rejected_with_a_ttl()
    {
        var time = ManualTime.AtUnixSeconds(1_742_512_345);
        var key = FernetKey.Generate();
        var ahead60 = key.Encrypt("x"u8, ManualTime.AtUnixSeconds(1_742_512_345 + 60));
        var ahead61 = key.Encrypt("x"u8, ManualTime.AtUnixSeconds(1_742_512_345 + 61));

        Assert.Equal("x"u8.ToArray(), key.Decrypt(ahead60, Hour, time));
        Assert.Throws<InvalidFernetTokenException>(() => key.Decrypt(ahead61, Hour, time));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(60)]
    public void A_changed_byte_anywhere_is_rejected(int offsetFromEnd)
    {
        var time = ManualTime.AtUnixSeconds(1_742_512_345);
        var key = FernetKey.Generate();
        var bytes = Decode(key.Encrypt("hello world"u8, time));
        bytes[bytes.Length - 1 - offsetFromEnd] ^= 1;

        Assert.Throws<InvalidFernetTokenException>(() => key.Decrypt(Encode(bytes), Hour, time));
    }

    [Fact]
    public void A_wrong_version_a_wrong_key_and_garbage_are_rejected()
    {
        var time = ManualTime.AtUnixSeconds(1_742_512_345);
        var key = FernetKey.Generate();
        var bytes = Decode(key.Encrypt("hello"u8, time));
        bytes[0] = 0x81;

        Assert.Throws<InvalidFernetTokenException>(() => key.Decrypt(Encode(bytes), null, time));
        Assert.Throws<InvalidFernetTokenException>(() => FernetKey.Generate().Decrypt(key.Encrypt("hello"u8, time), null, time));
        Assert.Throws<InvalidFernetTokenException>(() => key.Decrypt("not a token", null, time));
        Assert.Throws<InvalidFernetTokenException>(() => key.Decrypt(key.Encrypt("hello"u8, time).TrimEnd('='), null, time));
        Assert.Throws<InvalidFernetTokenException>(() => key.Decrypt("gAAAAAAdwJ6w", null, time));
    }

    [Fact]
    public void A_correctly_signed_token_with_bad_padding_is_rejected()
    {
        var key = FernetKey.Parse(VectorKey);
        var bytes = Decode(VectorToken);
        // Flipping the IV's last byte flips the last padding byte (0x0b → 0xf4); re-signed, the MAC verifies, the padding not.
        bytes[24] ^= 0xff;
        var signingKey = Decode(VectorKey)[..16];
        System.Security.Cryptography.HMACSHA256.HashData(signingKey, bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));

        Assert.Throws<InvalidFernetTokenException>(() => key.Decrypt(Encode(bytes), null, ManualTime.AtUnixSeconds(VectorTime)));
    }

    [Fact]
    public void The_timestamp_is_big_endian_seconds()
    {
        var bytes = Decode(FernetKey.Generate().Encrypt("x"u8, ManualTime.AtUnixSeconds(1_742_512_345)));

        Assert.Equal(0x80, bytes[0]);
        Assert.Equal(1_742_512_345UL, BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(1, 8)));
    }

    private static byte[] Decode(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/'));

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
}
