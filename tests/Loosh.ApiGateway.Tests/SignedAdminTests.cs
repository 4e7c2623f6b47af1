using System.Net;
using System.Security.Cryptography;
using Loosh.Chain.Crypto;
using Loosh.Protocols.SignedHttp;

namespace Loosh.ApiGateway.Tests;

/// <summary>With ADMIN_HOTKEYS, a request signed by one of those hotkeys may pause the validator; nothing else may.</summary>
public sealed class SignedAdminTests : IAsyncLifetime
{
    private readonly Sr25519KeyPair _admin = Sr25519KeyPair.FromMiniSecret(RandomNumberGenerator.GetBytes(32));
    private readonly Sr25519KeyPair _stranger = Sr25519KeyPair.FromMiniSecret(RandomNumberGenerator.GetBytes(32));
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(("ADMIN_HOTKEYS", Ss58.Encode(_admin.PublicKey.Span)));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _admin.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task A_request_signed_by_an_admin_hotkey_pauses_the_validator()
    {
        var response = await _host.Http.SendAsync(await SignedAsync(_admin, """{"running": false}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await (await _host.Http.GetAsync("/stats")).BodyAsync()).GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task Replayed_tampered_foreign_and_unsigned_requests_are_refused()
    {
        var original = await SignedAsync(_admin, """{"running": true}""");
        var replay = Http.Post("/set_running", """{"running": true}""");
        foreach (var header in original.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.SendAsync(original)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.SendAsync(replay)).StatusCode);

        var tampered = await SignedAsync(_admin, """{"running": false}""");
        tampered.Content = Http.Json("""{"running": true }""");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.SendAsync(tampered)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.SendAsync(await SignedAsync(_stranger, """{"running": false}"""))).StatusCode);
        // With admin hotkeys configured, being on this machine is not enough.
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Http.SendAsync(Http.Post("/set_running", """{"running": false}""", remoteIp: "127.0.0.1"))).StatusCode);
        Assert.True((await (await _host.Http.GetAsync("/stats")).BodyAsync()).GetProperty("running").GetBoolean());
    }

    private static async Task<HttpRequestMessage> SignedAsync(Sr25519KeyPair signer, string json)
    {
        var request = Http.Post("/set_running", json);
        await new HotkeySigner(signer, apiKey: null, TimeProvider.System).SignAsync(request, coverBody: true, CancellationToken.None);
        return request;
    }
}
