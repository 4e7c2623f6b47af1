using System.Text;
using Loosh.GrainInterfaces;
using Loosh.Protocols.Fiber;
using Microsoft.Extensions.Options;

namespace Loosh.ApiGateway.Api;

/// <summary>
/// The Fiber routes the Challenge API pushes challenges through (protocols.md §3), on a <see cref="FiberServer"/> that
/// verifies who exchanges keys. Every refusal is a problem-details 4xx; the reference answered them with 500.
/// </summary>
internal static class FiberApi
{
    private const string KeyUuidHeader = "symmetric-key-uuid";
    private const string HotkeyHeader = "hotkey-ss58-address";

    public static IEndpointRouteBuilder MapFiberApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/fiber/public-key", (FiberServer fiber) => Results.Ok(new { PublicKey = fiber.PublicKeyPem }));
        app.MapPost("/fiber/key-exchange", ExchangeKey);
        app.MapPost("/fiber/challenge", AcceptChallenge);
        app.MapGet("/fiber/stats", (FiberServer fiber) => Results.Ok(fiber.Stats));
        return app;
    }

    private static async Task<IResult> ExchangeKey(HttpRequest request, FiberServer fiber, IOptions<ApiOptions> options)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes);
        if (error is not null)
        {
            return error;
        }
        var parsed = FiberKeyExchangeRequest.Parse(body);
        if (!parsed.IsOk)
        {
            return ApiProblems.BadBody(parsed);
        }
        return fiber.ExchangeKey(parsed.Value!) switch
        {
            FiberExchangeOutcome.Accepted => Results.Ok(new { Success = true, Message = "Symmetric key exchanged successfully" }),
            FiberExchangeOutcome.Malformed => ApiProblems.Problem(StatusCodes.Status400BadRequest, "Malformed key exchange",
                "The key UUID, signature or timestamp is malformed, or the key does not decrypt under our public key."),
            FiberExchangeOutcome.BadSignature => ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Bad signature",
                "The signature does not verify for the hotkey over \"{timestamp}.{hotkey}.{key_uuid}\"."),
            FiberExchangeOutcome.Stale => ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Stale timestamp",
                "The signed timestamp is too far from this validator's clock."),
            FiberExchangeOutcome.Replayed => ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Replayed key exchange",
                "This key UUID was already exchanged."),
            FiberExchangeOutcome.NoHotkeysConfigured => ApiProblems.Problem(StatusCodes.Status403Forbidden, "Fiber key exchange disabled",
                "No Challenge API hotkey is configured: set CHALLENGE_API_HOTKEYS to accept key exchanges."),
            _ => ApiProblems.Problem(StatusCodes.Status403Forbidden, "Hotkey not allowed",
                "This hotkey is not one of the Challenge API hotkeys in CHALLENGE_API_HOTKEYS."),
        };
    }

    private static async Task<IResult> AcceptChallenge(HttpRequest request, FiberServer fiber, IGrainFactory grains,
        IOptions<ApiOptions> options, TimeProvider time)
    {
        var (body, error) = await RequestBody.ReadAsync(request, options.Value.MaxRequestBodyBytes);
        if (error is not null)
        {
            return error;
        }
        var keyUuid = request.Headers[KeyUuidHeader].ToString();
        var hotkey = request.Headers[HotkeyHeader].ToString();
        if (keyUuid.Length == 0 || hotkey.Length == 0 || !fiber.TryDecrypt(hotkey, keyUuid, Encoding.ASCII.GetString(body.Span), out var plaintext))
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown or expired key",
                $"Exchange a key at /fiber/key-exchange and send its {KeyUuidHeader} and {HotkeyHeader} with a token under it.");
        }
        return await ValidatorApi.AcceptChallengeAsync(plaintext, ChallengeSource.Push, grains, options, time);
    }
}
