using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Loosh.Chain.Crypto;
using Loosh.GrainInterfaces;
using Loosh.Protocols;
using Loosh.Protocols.Fiber;

namespace Loosh.ApiGateway.Tests;

/// <summary>The Fiber routes: only the configured Challenge API hotkey gets a key, and pushes under it become challenges.</summary>
public sealed class FiberApiTests : IAsyncLifetime
{
    private readonly Sr25519KeyPair _api = Sr25519KeyPair.FromMiniSecret(Enumerable.Repeat((byte)5, 32).ToArray());
    private readonly Sr25519KeyPair _stranger = Sr25519KeyPair.FromMiniSecret(Enumerable.Repeat((byte)6, 32).ToArray());
    private ApiHost _host = null!;

    private HttpClient Client => _host.Http;

    private string ApiHotkey => Ss58.Encode(_api.PublicKey.Span);

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(("CHALLENGE_API_HOTKEYS", ApiHotkey));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _api.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task An_allowed_hotkey_exchanges_a_key_and_pushes_a_challenge_once()
    {
        var (exchange, keyUuid, key) = await ExchangeBodyAsync(_api, Now());
        var answer = await Client.PostAsync("/fiber/key-exchange", Http.Json(exchange.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.BodyAsync();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("Symmetric key exchanged successfully", body.GetProperty("message").GetString());

        var first = await PushAsync(key, keyUuid, ApiHotkey, "fiber-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("fiber-1", (await first.BodyAsync()).GetProperty("challenge_id").GetString());
        var stored = await _host.Cluster.Client.GetGrain<IChallengeGrain>("fiber-1").GetAsync();
        Assert.Equal(ChallengeSource.Push, stored!.Request.Source);

        Assert.Equal(HttpStatusCode.Conflict, (await PushAsync(key, keyUuid, ApiHotkey, "fiber-1")).StatusCode);
        var stats = await (await Client.GetAsync("/fiber/stats")).BodyAsync();
        Assert.Equal(1, stats.GetProperty("total_symmetric_keys").GetInt32());
        Assert.Equal(3600, stats.GetProperty("key_ttl_seconds").GetInt32());

        var replay = await Client.PostAsync("/fiber/key-exchange", Http.Json(exchange.ToJsonString()));
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task Forged_unknown_and_stale_exchanges_are_refused_with_problem_details()
    {
        var (forged, _, _) = await ExchangeBodyAsync(_api, Now());
        forged["signature"] = Convert.ToHexStringLower(_stranger.Sign("x"u8));
        var (unknown, _, _) = await ExchangeBodyAsync(_stranger, Now());
        var (stale, _, _) = await ExchangeBodyAsync(_api, Now() - 600);

        foreach (var (body, status) in new[] { (forged, HttpStatusCode.Unauthorized), (unknown, HttpStatusCode.Forbidden), (stale, HttpStatusCode.Unauthorized) })
        {
            var answer = await Client.PostAsync("/fiber/key-exchange", Http.Json(body.ToJsonString()));
            Assert.Equal(status, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }
        var malformed = await Client.PostAsync("/fiber/key-exchange", Http.Json("""{"key_uuid": 1}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
    }

    [Fact]
    public async Task A_push_under_an_unknown_key_or_with_a_bad_token_is_401()
    {
        var (exchange, keyUuid, _) = await ExchangeBodyAsync(_api, Now());
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/fiber/key-exchange", Http.Json(exchange.ToJsonString()))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PushAsync(FernetKey.Generate(), keyUuid, ApiHotkey, "bad-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PushAsync(FernetKey.Generate(), Guid.NewGuid().ToString(), ApiHotkey, "no-key")).StatusCode);
        Assert.Null(await _host.Cluster.Client.GetGrain<IChallengeGrain>("bad-token").GetAsync());
    }

    private static double Now() => Math.Round(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3) + 0.0005;

    private async Task<(JsonObject Body, string KeyUuid, FernetKey Key)> ExchangeBodyAsync(Sr25519KeyPair signer, double timestamp)
    {
        var pem = (await (await Client.GetAsync("/fiber/public-key")).BodyAsync()).GetProperty("public_key").GetString()!;
        using var rsa = FiberRsa.ImportPublicKeyPem(pem);
        var key = FernetKey.Generate();
        var keyUuid = Guid.NewGuid().ToString();
        var hotkey = Ss58.Encode(signer.PublicKey.Span);
        var text = PythonFloat.Format(timestamp);
        var body = new JsonObject
        {
            ["encrypted_symmetric_key"] = Convert.ToBase64String(FiberRsa.EncryptKey(rsa, key)),
            ["key_uuid"] = keyUuid,
            ["timestamp"] = JsonNode.Parse(text),
            ["signature"] = Convert.ToHexStringLower(signer.Sign(Encoding.UTF8.GetBytes($"{text}.{hotkey}.{keyUuid}"))),
            ["validator_hotkey_ss58"] = hotkey,
        };
        Assert.Equal(timestamp, double.Parse(text, CultureInfo.InvariantCulture));
        return (body, keyUuid, key);
    }

    private Task<HttpResponseMessage> PushAsync(FernetKey key, string keyUuid, string hotkey, string id)
    {
        var challenge = $$"""
            {"id": "{{id}}", "messages": [{"role": "user", "content": "What is 2 + 2?"}], "temperature": 0.2, "max_tokens": 64,
             "metadata": {"model": "Qwen/Qwen2.5-32B-Instruct"}, "status": "available", "requester": null}
            """;
        var content = new StringContent(key.Encrypt(Encoding.UTF8.GetBytes(challenge), TimeProvider.System));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Post, "/fiber/challenge") { Content = content };
        request.Headers.Add("symmetric-key-uuid", keyUuid);
        request.Headers.Add("hotkey-ss58-address", hotkey);
        return Client.SendAsync(request);
    }
}
