using System.Security.Cryptography;
using System.Text;
using Loosh.Protocols.SignedHttp;

namespace Loosh.Protocols.Tests.SignedHttp;

/// <summary>HotkeySigner: the X-Hotkey / X-Nonce / X-Signature headers of protocols.md §1.1(b), checked by polkadot-js.</summary>
public sealed class HotkeySignerTests
{
    private static HotkeySigner Signer(string? apiKey = null) => new(TestKeys.Validator(), apiKey, new ManualTime(TestKeys.SignedAt));

    private static string Header(HttpRequestMessage request, string name) => Assert.Single(request.Headers.GetValues(name));

    private static async Task<HttpRequestMessage> SignedPost(HotkeySigner signer, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://api.test/response/batch") { Content = new ByteArrayContent(body) };
        await signer.SignAsync(request, coverBody: true, CancellationToken.None);
        return request;
    }

    [Fact]
    public async Task A_body_is_signed_as_nonce_hotkey_and_the_hash_of_the_exact_bytes()
    {
        // Unusual spacing and key order: a re-serialisation would give other bytes and another hash.
        var body = Encoding.UTF8.GetBytes("{ \"b\" :1,\n\"a\":\"é\" }");
        var request = await SignedPost(Signer(), body);

        var hotkey = Header(request, "X-Hotkey");
        var nonce = Header(request, "X-Nonce");
        var signature = Header(request, "X-Signature");
        Assert.Equal(TestKeys.Address(TestKeys.Validator()), hotkey);
        Assert.Equal("1742512345.123456", nonce);
        Assert.Matches("^0x[0-9a-f]{128}$", signature);
        var exact = $"{nonce}:{hotkey}:{Convert.ToHexStringLower(SHA256.HashData(body))}";
        var reserialised = $"{nonce}:{hotkey}:{Convert.ToHexStringLower(SHA256.HashData("{\"b\":1,\"a\":\"é\"}"u8))}";
        Assert.Equal([true, false, false], SignatureOracle.Verify(
            (hotkey, exact, signature),
            (hotkey, reserialised, signature),
            (hotkey, $"{nonce}:{hotkey}", signature)));
    }

    [Fact]
    public async Task A_request_without_a_body_is_signed_as_nonce_and_hotkey()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://api.test/validators");
        await Signer().SignAsync(request, coverBody: true, CancellationToken.None);

        var hotkey = Header(request, "X-Hotkey");
        var nonce = Header(request, "X-Nonce");
        Assert.Equal([true], SignatureOracle.Verify((hotkey, $"{nonce}:{hotkey}", Header(request, "X-Signature"))));
    }

    [Fact]
    public async Task A_multipart_upload_is_signed_without_the_body_hash()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://api.test/heatmap/upload")
        {
            Content = new MultipartFormDataContent { { new StringContent("c-1"), "challenge_id" } },
        };
        await Signer().SignAsync(request, coverBody: false, CancellationToken.None);

        var hotkey = Header(request, "X-Hotkey");
        Assert.Equal([true], SignatureOracle.Verify((hotkey, $"{Header(request, "X-Nonce")}:{hotkey}", Header(request, "X-Signature"))));
    }

    [Fact]
    public async Task The_nonce_keeps_a_fractional_part_on_a_whole_second()
    {
        var signer = new HotkeySigner(TestKeys.Validator(), null, new ManualTime(DateTimeOffset.FromUnixTimeSeconds(1742512345)));
        var request = await SignedPost(signer, "{}"u8.ToArray());

        Assert.Equal("1742512345.0", Header(request, "X-Nonce"));
    }

    [Fact]
    public async Task The_API_key_is_sent_only_when_configured()
    {
        var withKey = await SignedPost(Signer("api-key-0"), "{}"u8.ToArray());
        var withoutKey = await SignedPost(Signer(""), "{}"u8.ToArray());

        Assert.Equal("api-key-0", Header(withKey, "X-API-Key"));
        Assert.False(withoutKey.Headers.Contains("X-API-Key"));
        Assert.True(withoutKey.Headers.Contains("X-Signature"));
    }

    [Fact]
    public async Task Without_a_hotkey_only_the_API_key_is_sent()
    {
        var signer = new HotkeySigner(null, "api-key-0", new ManualTime(TestKeys.SignedAt));
        var request = await SignedPost(signer, "{}"u8.ToArray());

        Assert.Null(signer.Hotkey);
        Assert.Equal("api-key-0", Header(request, "X-API-Key"));
        Assert.False(request.Headers.Contains("X-Hotkey"));
        Assert.False(request.Headers.Contains("X-Signature"));
    }
}
