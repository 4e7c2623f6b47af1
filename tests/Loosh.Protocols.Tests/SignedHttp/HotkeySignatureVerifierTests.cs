using Loosh.Protocols.SignedHttp;

namespace Loosh.Protocols.Tests.SignedHttp;

/// <summary>HotkeySignatureVerifier: signature, freshness window, replay cache and allow-list.</summary>
public sealed class HotkeySignatureVerifierTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly byte[] Body = "{\"action\":\"pause\"}"u8.ToArray();

    private readonly ManualTime _time = new(TestKeys.SignedAt);

    private HotkeySignatureVerifier Verifier(int replayCapacity = 100) =>
        new([TestKeys.Address(TestKeys.Validator())], Window, replayCapacity, _time);

    private async Task<(string Hotkey, string Nonce, string Signature)> Sign(byte[] body, Loosh.Chain.Crypto.Sr25519KeyPair? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://validator.test/admin") { Content = new ByteArrayContent(body) };
        await new HotkeySigner(key ?? TestKeys.Validator(), null, _time).SignAsync(request, coverBody: true, CancellationToken.None);
        string Get(string name) => request.Headers.GetValues(name).Single();
        return (Get("X-Hotkey"), Get("X-Nonce"), Get("X-Signature"));
    }

    [Fact]
    public async Task A_fresh_signature_from_an_allowed_hotkey_is_valid()
    {
        var (hotkey, nonce, signature) = await Sign(Body);

        Assert.Equal(HotkeyVerification.Valid, Verifier().Verify(hotkey, nonce, signature, Body));
    }

    [Fact]
    public async Task A_signature_without_a_body_is_valid_for_an_empty_body()
    {
        var (hotkey, nonce, signature) = await Sign([]);
        var verifier = Verifier();

        Assert.Equal(HotkeyVerification.BadSignature, verifier.Verify(hotkey, nonce, signature, Body));
        Assert.Equal(HotkeyVerification.Valid, verifier.Verify(hotkey, nonce, signature, []));
    }

    [Fact]
    public async Task A_tampered_body_is_rejected()
    {
        var (hotkey, nonce, signature) = await Sign(Body);

        Assert.Equal(HotkeyVerification.BadSignature, Verifier().Verify(hotkey, nonce, signature, "{\"action\":\"resume\"}"u8));
    }

    [Fact]
    public async Task A_tampered_nonce_is_rejected()
    {
        var (hotkey, _, signature) = await Sign(Body);
        var otherNonce = PythonFloat.Format(TestKeys.SignedAt.ToUnixTimeMilliseconds() / 1000.0);

        Assert.Equal(HotkeyVerification.BadSignature, Verifier().Verify(hotkey, otherNonce, signature, Body));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(-31)]
    public async Task A_nonce_outside_the_window_is_stale(int offsetSeconds)
    {
        var (hotkey, nonce, signature) = await Sign(Body);
        _time.Now = TestKeys.SignedAt.AddSeconds(offsetSeconds);

        Assert.Equal(HotkeyVerification.StaleNonce, Verifier().Verify(hotkey, nonce, signature, Body));
    }

    [Fact]
    public async Task A_nonce_at_the_edge_of_the_window_is_fresh()
    {
        var (hotkey, nonce, signature) = await Sign(Body);
        _time.Now = TestKeys.SignedAt.AddSeconds(29);

        Assert.Equal(HotkeyVerification.Valid, Verifier().Verify(hotkey, nonce, signature, Body));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1742512345.0")]
    [InlineData("1e+300")]
    [InlineData("NaN")]
    public async Task A_malformed_nonce_is_rejected(string nonce)
    {
        var (hotkey, _, signature) = await Sign(Body);

        Assert.Equal(HotkeyVerification.MalformedNonce, Verifier().Verify(hotkey, nonce, signature, Body));
    }

    [Fact]
    public async Task A_replayed_request_is_rejected_while_its_nonce_is_fresh()
    {
        var (hotkey, nonce, signature) = await Sign(Body);
        var verifier = Verifier();

        Assert.Equal(HotkeyVerification.Valid, verifier.Verify(hotkey, nonce, signature, Body));
        _time.Now = TestKeys.SignedAt.AddSeconds(10);
        Assert.Equal(HotkeyVerification.Replayed, verifier.Verify(hotkey, nonce, signature, Body));
        Assert.Equal(HotkeyVerification.Replayed, verifier.Verify(hotkey, nonce, signature.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), Body));
    }

    [Fact]
    public async Task A_full_replay_cache_refuses_until_entries_expire()
    {
        var verifier = Verifier(replayCapacity: 1);
        var first = await Sign(Body);
        _time.Now = TestKeys.SignedAt.AddSeconds(1);
        var second = await Sign(Body);

        Assert.Equal(HotkeyVerification.Valid, verifier.Verify(first.Hotkey, first.Nonce, first.Signature, Body));
        Assert.Equal(HotkeyVerification.ReplayCacheFull, verifier.Verify(second.Hotkey, second.Nonce, second.Signature, Body));
        _time.Now = TestKeys.SignedAt.AddSeconds(1) + (2 * Window);
        var third = await Sign(Body);
        Assert.Equal(HotkeyVerification.Valid, verifier.Verify(third.Hotkey, third.Nonce, third.Signature, Body));
    }

    [Fact]
    public async Task An_unknown_hotkey_is_rejected_even_with_a_valid_signature()
    {
        var (hotkey, nonce, signature) = await Sign(Body, TestKeys.Stranger());

        Assert.Equal(HotkeyVerification.UnknownHotkey, Verifier().Verify(hotkey, nonce, signature, Body));
    }

    [Fact]
    public async Task A_signature_by_another_key_under_an_allowed_hotkey_is_rejected()
    {
        var (_, nonce, signature) = await Sign(Body, TestKeys.Stranger());

        Assert.Equal(HotkeyVerification.BadSignature, Verifier().Verify(TestKeys.Address(TestKeys.Validator()), nonce, signature, Body));
    }

    [Theory]
    [InlineData(null, "1.0", "0x00")]
    [InlineData("5F", null, "0x00")]
    [InlineData("5F", "1.0", "")]
    public void Missing_headers_are_rejected(string? hotkey, string? nonce, string? signature) =>
        Assert.Equal(HotkeyVerification.MissingHeaders, Verifier().Verify(hotkey, nonce, signature, Body));

    [Theory]
    [InlineData("0x1234")]
    [InlineData("not hex at all")]
    public async Task A_malformed_signature_is_rejected(string signature)
    {
        var (hotkey, nonce, _) = await Sign(Body);

        Assert.Equal(HotkeyVerification.BadSignature, Verifier().Verify(hotkey, nonce, signature, Body));
    }
}
