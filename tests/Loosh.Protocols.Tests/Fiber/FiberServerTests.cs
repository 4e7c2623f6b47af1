using System.Globalization;
using System.Text;
using Loosh.Chain.Crypto;
using Loosh.Protocols.Fiber;

namespace Loosh.Protocols.Tests.Fiber;

/// <summary>FiberServer: only signed, fresh, first-time exchanges from configured hotkeys get a key; keys live on our clock.</summary>
public sealed class FiberServerTests : IDisposable
{
    private const long Now = 1_742_512_345;

    private readonly ManualTime _time = ManualTime.AtUnixSeconds(Now);
    private readonly Sr25519KeyPair _api = Sr25519KeyPair.FromMiniSecret(Enumerable.Repeat((byte)3, 32).ToArray());
    private readonly Sr25519KeyPair _stranger = Sr25519KeyPair.FromMiniSecret(Enumerable.Repeat((byte)4, 32).ToArray());
    private readonly FiberServer _server;

    public FiberServerTests()
    {
        _server = new FiberServer(new FiberServerOptions { AllowedHotkeys = [Ss58.Encode(_api.PublicKey.Span)], MaxKeysPerHotkey = 2 }, _time);
    }

    public void Dispose()
    {
        _server.Dispose();
        _api.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public void A_signed_exchange_gives_a_key_that_decrypts_tokens()
    {
        var (request, key) = Exchange(_api, Now + 0.25);

        Assert.Equal(FiberExchangeOutcome.Accepted, _server.ExchangeKey(request));
        Assert.True(_server.TryDecrypt(request.HotkeySs58, request.KeyUuid, key.Encrypt("hi"u8, _time), out var plaintext));
        Assert.Equal("hi"u8.ToArray(), plaintext);
        Assert.False(_server.TryDecrypt(request.HotkeySs58, request.KeyUuid, FernetKey.Generate().Encrypt("hi"u8, _time), out _));
        Assert.False(_server.TryDecrypt(request.HotkeySs58, Guid.NewGuid().ToString(), key.Encrypt("hi"u8, _time), out _));
        Assert.Equal(new FiberServerStats(1, 1, 3600), _server.Stats);
    }

    [Fact]
    public void Forged_unknown_stale_and_replayed_exchanges_are_refused()
    {
        var (good, _) = Exchange(_api, Now + 0.5);
        Assert.Equal(FiberExchangeOutcome.Accepted, _server.ExchangeKey(good));

        Assert.Equal(FiberExchangeOutcome.Replayed, _server.ExchangeKey(good));
        Assert.Equal(FiberExchangeOutcome.BadSignature, _server.ExchangeKey(Exchange(_api, Now + 0.5).Request with { Signature = good.Signature }));
        Assert.Equal(FiberExchangeOutcome.HotkeyNotAllowed, _server.ExchangeKey(Exchange(_stranger, Now + 0.5).Request));
        Assert.Equal(FiberExchangeOutcome.Stale, _server.ExchangeKey(Exchange(_api, Now - 301.5).Request));
        Assert.Equal(FiberExchangeOutcome.Stale, _server.ExchangeKey(Exchange(_api, Now + 301.5).Request));
        Assert.Equal(FiberExchangeOutcome.Malformed, _server.ExchangeKey(Exchange(_api, Now + 0.5).Request with { EncryptedSymmetricKey = "AAAA" }));
        Assert.Equal(FiberExchangeOutcome.Malformed, _server.ExchangeKey(Exchange(_api, Now + 0.5).Request with { Signature = "zz" }));
    }

    [Fact]
    public void Without_configured_hotkeys_every_exchange_is_refused()
    {
        using var closed = new FiberServer(new FiberServerOptions(), _time);

        Assert.Equal(FiberExchangeOutcome.NoHotkeysConfigured, closed.ExchangeKey(Exchange(_api, Now + 0.5).Request));
    }

    [Fact]
    public void Keys_expire_an_hour_after_we_received_them_whatever_the_client_timestamp()
    {
        _time.Advance(TimeSpan.FromSeconds(200));
        var (request, key) = Exchange(_api, Now + 400.5);
        Assert.Equal(FiberExchangeOutcome.Accepted, _server.ExchangeKey(request));

        _time.Advance(TimeSpan.FromSeconds(3599));
        Assert.True(_server.TryDecrypt(request.HotkeySs58, request.KeyUuid, key.Encrypt("x"u8, _time), out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_server.TryDecrypt(request.HotkeySs58, request.KeyUuid, key.Encrypt("x"u8, _time), out _));
        Assert.Equal(new FiberServerStats(0, 0, 3600), _server.Stats);
    }

    [Fact]
    public void The_oldest_key_of_a_hotkey_is_evicted_past_the_limit()
    {
        var exchanges = Enumerable.Range(0, 3).Select(i => Exchange(_api, Now + 0.5 + i)).ToList();
        foreach (var (request, _) in exchanges)
        {
            Assert.Equal(FiberExchangeOutcome.Accepted, _server.ExchangeKey(request));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var first = exchanges[0];
        Assert.False(_server.TryDecrypt(first.Request.HotkeySs58, first.Request.KeyUuid, first.Key.Encrypt("x"u8, _time), out _));
        Assert.Equal(2, _server.Stats.TotalSymmetricKeys);
    }

    [Fact]
    public void The_request_keeps_the_timestamp_text_and_takes_either_hotkey_field_name()
    {
        var parsed = FiberKeyExchangeRequest.Parse(Encoding.UTF8.GetBytes(
            """{"encrypted_symmetric_key":"AA==","key_uuid":"u","timestamp":1742512345.0,"signature":"s","hotkey_ss58":"h"}"""));
        var missing = FiberKeyExchangeRequest.Parse(Encoding.UTF8.GetBytes("""{"key_uuid":"u","timestamp":"1"}"""));

        Assert.Equal(new FiberKeyExchangeRequest("AA==", "u", "1742512345.0", "s", "h"), parsed.Value);
        Assert.False(missing.IsOk);
        Assert.Contains(missing.Problems, problem => problem.Field == "timestamp");
    }

    private (FiberKeyExchangeRequest Request, FernetKey Key) Exchange(Sr25519KeyPair signer, double timestamp)
    {
        var key = FernetKey.Generate();
        var hotkey = Ss58.Encode(signer.PublicKey.Span);
        var keyUuid = Guid.NewGuid().ToString();
        var text = PythonFloat.Format(timestamp);
        var signature = Convert.ToHexStringLower(signer.Sign(Encoding.UTF8.GetBytes($"{text}.{hotkey}.{keyUuid}")));
        using var rsa = FiberRsa.ImportPublicKeyPem(_server.PublicKeyPem);
        var ciphertext = Convert.ToBase64String(FiberRsa.EncryptKey(rsa, key));
        Assert.Equal(timestamp, double.Parse(text, CultureInfo.InvariantCulture));
        return (new FiberKeyExchangeRequest(ciphertext, keyUuid, text, signature, hotkey), key);
    }
}
