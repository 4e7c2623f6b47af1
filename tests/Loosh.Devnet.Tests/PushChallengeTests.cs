using System.Net;
using System.Text;
using Loosh.Devnet.ChallengeApi;
using Loosh.Protocols.Fiber;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Loosh.Devnet.Tests;

/// <summary>
/// <see cref="SimulatedChallengeApi.PushChallengeAsync"/> against a validator stand-in that serves the gateway's Fiber
/// routes on the real <see cref="FiberServer"/>, so the push passes the same verification the gateway applies.
/// </summary>
public sealed class PushChallengeTests : IAsyncLifetime, IDisposable
{
    private readonly List<string> _challenges = [];
    private SimulatedChallengeApi _api = null!;
    private FiberServer _fiber = null!;
    private WebApplication _validator = null!;
    private Uri _validatorUrl = null!;

    public async Task InitializeAsync()
    {
        _api = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions());
        _fiber = new FiberServer(new FiberServerOptions { AllowedHotkeys = [_api.Hotkey] }, TimeProvider.System);
        ListenOptions? listen = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, l => listen = l));
        _validator = builder.Build();
        _validator.MapGet("/fiber/public-key", () => Results.Json(new { public_key = _fiber.PublicKeyPem }));
        _validator.MapPost("/fiber/key-exchange", async (HttpRequest request) =>
        {
            var parsed = FiberKeyExchangeRequest.Parse(await ReadAsync(request));
            return parsed.IsOk && _fiber.ExchangeKey(parsed.Value!) == FiberExchangeOutcome.Accepted
                ? Results.Json(new { success = true })
                : Results.StatusCode(StatusCodes.Status401Unauthorized);
        });
        _validator.MapPost("/fiber/challenge", async (HttpRequest request) =>
        {
            var token = Encoding.ASCII.GetString(await ReadAsync(request));
            if (!_fiber.TryDecrypt(request.Headers["hotkey-ss58-address"].ToString(), request.Headers["symmetric-key-uuid"].ToString(), token, out var plaintext))
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }
            lock (_challenges)
            {
                _challenges.Add(Encoding.UTF8.GetString(plaintext));
            }
            return Results.StatusCode(StatusCodes.Status201Created);
        });
        await _validator.StartAsync();
        _validatorUrl = new Uri($"http://127.0.0.1:{listen!.IPEndPoint!.Port}/");
    }

    public async Task DisposeAsync()
    {
        await _validator.DisposeAsync();
        await _api.DisposeAsync();
    }

    public void Dispose() => _fiber.Dispose();

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task A_pushed_challenge_arrives_decrypted_and_a_second_push_reuses_the_key()
    {
        const string First = """{"id":"c-1","prompt":"Explain recursion."}""";
        const string Second = """{"id":"c-2","prompt":"Explain iteration."}""";

        Assert.Equal(HttpStatusCode.Created, await _api.PushChallengeAsync(_validatorUrl, First));
        Assert.Equal(HttpStatusCode.Created, await _api.PushChallengeAsync(_validatorUrl, Second));

        Assert.Equal([First, Second], _challenges);
        Assert.Equal(1, _fiber.Stats.TotalSymmetricKeys);
    }

    [Fact]
    public async Task A_validator_that_does_not_allow_the_API_hotkey_refuses_the_key_exchange()
    {
        await using var stranger = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions());

        await Assert.ThrowsAsync<FiberException>(() => stranger.PushChallengeAsync(_validatorUrl, """{"id":"c-x"}"""));
        Assert.Empty(_challenges);
    }
}
