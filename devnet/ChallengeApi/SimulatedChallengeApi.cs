using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Loosh.Chain.Crypto;
using Loosh.Protocols.Fiber;
using Loosh.Protocols.SignedHttp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Loosh.Devnet.ChallengeApi;

/// <summary>
/// A stand-in for the central Challenge API on loopback (protocols.md §1). It speaks the real wire protocol in both
/// directions and verifies everything it receives (Fiber keys, signatures, the v0 key), so a validator tested against
/// it is tested against the checks the real service makes, and what it accepted can be inspected afterwards.
/// </summary>
public sealed class SimulatedChallengeApi : IAsyncDisposable
{
    private const string KeyUuidHeader = "symmetric-key-uuid";
    private const string HotkeyHeader = "hotkey-ss58-address";
    private const string Encrypted = "encrypted";
    private const string Plaintext = "plaintext";
    private const int ReplayCapacity = 100_000;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly SimulatedChallengeApiOptions _options;
    private readonly TimeProvider _time;
    private readonly FiberServer _fiber;
    private readonly HotkeySignatureVerifier _verifier;
    private readonly HttpClient _pushHttp = new();
    private readonly FiberClient _push;
    private readonly ConcurrentQueue<string> _challenges = new();
    private readonly Lock _outageLock = new();
    private DateTimeOffset _outageUntil = DateTimeOffset.MinValue;
    private WebApplication? _app;

    private SimulatedChallengeApi(SimulatedChallengeApiOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        var key = Sr25519KeyPair.FromMiniSecret(RandomNumberGenerator.GetBytes(32));
        Hotkey = Ss58.Encode(key.PublicKey.Span);
        _fiber = new FiberServer(new FiberServerOptions { AllowedHotkeys = options.ValidatorHotkeys, FreshnessWindow = options.FreshnessWindow }, time);
        _verifier = new HotkeySignatureVerifier(options.ValidatorHotkeys, options.FreshnessWindow, ReplayCapacity, time);
        _push = new FiberClient(_pushHttp, key, FiberFlavor.ChallengeApi, FiberClientOptions.ForChallengeApi(), time);
    }

    /// <summary>This service's own sr25519 hotkey (SS58): validators must allow it to push challenges.</summary>
    public string Hotkey { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public ReceivedRecords Received { get; } = new();

    /// <summary>Starts the service on 127.0.0.1 and returns once it accepts connections.</summary>
    public static async Task<SimulatedChallengeApi> StartAsync(SimulatedChallengeApiOptions options, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var api = new SimulatedChallengeApi(options, time ?? TimeProvider.System);
        ListenOptions? listen = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port, l => listen = l);
        });
        var app = builder.Build();
        api.Map(app);
        await app.StartAsync(ct);
        api._app = app;
        api.BaseUrl = new Uri($"http://127.0.0.1:{listen!.IPEndPoint!.Port}/");
        return api;
    }

    /// <summary>Queues a challenge for the v0 pull (<c>GET /challenge</c>), served first in, first out.</summary>
    public void EnqueueChallenge(string challengeJson) => _challenges.Enqueue(challengeJson);

    /// <summary>Answers every request with 503 for <paramref name="duration"/>, as the real service does when its database is down.</summary>
    public void BeginOutage(TimeSpan duration)
    {
        lock (_outageLock)
        {
            _outageUntil = _time.GetUtcNow() + duration;
        }
    }

    public void EndOutage()
    {
        lock (_outageLock)
        {
            _outageUntil = DateTimeOffset.MinValue;
        }
    }

    /// <summary>
    /// Pushes a challenge the way the real service does (protocols.md §1.9 step 3): Fiber handshake with the validator
    /// under this service's hotkey (once, then the key is reused) and <c>POST /fiber/challenge</c>.
    /// </summary>
    /// <returns>The validator's HTTP status for the challenge.</returns>
    /// <exception cref="FiberException">The validator refused the key exchange or could not be reached.</exception>
    public async Task<HttpStatusCode> PushChallengeAsync(Uri validatorBaseUrl, string challengeJson, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(challengeJson);
        var response = await _push.SendAsync(validatorBaseUrl, "/fiber/challenge", Encoding.UTF8.GetBytes(challengeJson), ct);
        return response.Status;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _pushHttp.Dispose();
        _fiber.Dispose();
    }

    private bool InOutage()
    {
        lock (_outageLock)
        {
            return _time.GetUtcNow() < _outageUntil;
        }
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (InOutage() && !context.Request.Path.StartsWithSegments("/_devnet", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            await next(context);
        });
        app.MapGet("/fiber/public-key", () => Results.Json(new { public_key = _fiber.PublicKeyPem }));
        app.MapPost("/fiber/key-exchange", ExchangeKeyAsync);
        app.MapPost("/fiber/response/batch", async (HttpRequest request) =>
            await DecryptedAsync(request, (hotkey, body) => StoreBatch(Encrypted, hotkey, body)));
        app.MapPost("/response/batch", async (HttpRequest request) =>
            await SignedAsync(request, (hotkey, body) => StoreBatch(Plaintext, hotkey, body)));
        app.MapPost("/fiber/heatmap/upload", async (HttpRequest request) => await DecryptedAsync(request, (_, body) => StoreHeatmap(body)));
        app.MapPost("/heatmap/upload", UploadMultipartAsync);
        app.MapGet("/validators", async (HttpRequest request) => await SignedAsync(request, (_, _) => Results.Json(
            _options.ValidatorHotkeys.Select(hotkey => new { hotkey_ss58 = hotkey, validator_permit = true, metadata = new { admin_approved = false } }))));
        app.MapPost("/analytics/sybil-scores/batch", async (HttpRequest request) => await SignedAsync(request, (_, body) => SybilScores(body)));
        app.MapPost("/analytics/penalty-report", async (HttpRequest request) =>
            await SignedAsync(request, (hotkey, body) => StoreReport("/analytics/penalty-report", hotkey, body, "penalties", "status")));
        app.MapPost("/analytics/sybil-detection/bulk", async (HttpRequest request) =>
            await SignedAsync(request, (hotkey, body) => StoreReport("/analytics/sybil-detection/bulk", hotkey, body, "records", "inserted_count")));
        app.MapPost("/analytics/miner-network/bulk", async (HttpRequest request) =>
            await SignedAsync(request, (hotkey, body) => StoreReport("/analytics/miner-network/bulk", hotkey, body, "observations", "upserted")));
        app.MapGet("/challenge", PullChallenge);
        app.MapPost("/response", PostResponseAsync);
        app.MapPost("/fiber/callback", async (HttpRequest request) => await DecryptedAsync(request, StoreCallback));
        app.MapGet("/_devnet/received", () => Results.Json(Received, Json));
    }

    private async Task<IResult> ExchangeKeyAsync(HttpRequest request)
    {
        var parsed = FiberKeyExchangeRequest.Parse(await ReadBodyAsync(request));
        if (!parsed.IsOk)
        {
            return Refuse(StatusCodes.Status400BadRequest, "malformed key exchange");
        }
        var outcome = _fiber.ExchangeKey(parsed.Value!);
        return outcome switch
        {
            FiberExchangeOutcome.Accepted => Results.Json(new { success = true, message = "Symmetric key exchanged successfully" }),
            FiberExchangeOutcome.Malformed => Refuse(StatusCodes.Status400BadRequest, "malformed key exchange"),
            FiberExchangeOutcome.BadSignature or FiberExchangeOutcome.Stale or FiberExchangeOutcome.Replayed =>
                Refuse(StatusCodes.Status401Unauthorized, $"key exchange refused: {outcome}"),
            _ => Refuse(StatusCodes.Status403Forbidden, $"key exchange refused: {outcome}"),
        };
    }

    /// <summary>Decrypts a Fiber body under the key its headers name; 401 (re-handshake) when there is none.</summary>
    private async Task<IResult> DecryptedAsync(HttpRequest request, Func<string, byte[], IResult> accept)
    {
        var body = await ReadBodyAsync(request);
        var hotkey = request.Headers[HotkeyHeader].ToString();
        var keyUuid = request.Headers[KeyUuidHeader].ToString();
        return hotkey.Length > 0 && keyUuid.Length > 0 && _fiber.TryDecrypt(hotkey, keyUuid, Encoding.ASCII.GetString(body), out var plaintext)
            ? accept(hotkey, plaintext)
            : Refuse(StatusCodes.Status401Unauthorized, "unknown or expired symmetric key");
    }

    /// <summary>Checks the hotkey-signature headers over the exact body received (protocols.md §1.1(b)).</summary>
    private async Task<IResult> SignedAsync(HttpRequest request, Func<string, byte[], IResult> accept)
    {
        var body = await ReadBodyAsync(request);
        return Verify(request, body) is { } refusal ? refusal : accept(request.Headers[SignedHeaderNames.Hotkey].ToString(), body);
    }

    private IResult? Verify(HttpRequest request, ReadOnlySpan<byte> signedBody)
    {
        var verdict = _verifier.Verify(request.Headers[SignedHeaderNames.Hotkey], request.Headers[SignedHeaderNames.Nonce],
            request.Headers[SignedHeaderNames.Signature], signedBody);
        return verdict == HotkeyVerification.Valid ? null : Refuse(StatusCodes.Status401Unauthorized, $"signature refused: {verdict}");
    }

    private IResult StoreBatch(string route, string hotkey, byte[] body)
    {
        if (ParseObject(body) is not { } batch || !batch.TryGetProperty("challenge_id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "the batch has no challenge_id");
        }
        var challengeId = id.GetString()!;
        return Received.TryAddBatch(new ReceivedBatch(route, challengeId, hotkey, batch))
            ? Results.Json(new { challenge_id = challengeId, status = "accepted" }, statusCode: StatusCodes.Status201Created)
            : Refuse(StatusCodes.Status409Conflict, $"a batch for challenge {challengeId} was already accepted");
    }

    private IResult StoreHeatmap(byte[] body)
    {
        if (ParseObject(body) is not { } upload || Text(upload, "challenge_id") is not { } challengeId || Text(upload, "file_type") is not { } fileType
            || Text(upload, "filename") is not { } filename || Text(upload, "data") is not { } data)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "the upload needs challenge_id, file_type, filename and data");
        }
        var bytes = new byte[data.Length];
        if (!Convert.TryFromBase64String(data, bytes, out var written))
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "data is not base64");
        }
        Received.Add(new ReceivedHeatmap(Encrypted, challengeId, fileType, filename, bytes[..written]));
        return Results.Json(new { filename }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The multipart fallback is signed without a body hash, so only nonce and hotkey are covered.</summary>
    private async Task<IResult> UploadMultipartAsync(HttpRequest request)
    {
        if (Verify(request, []) is { } refusal)
        {
            return refusal;
        }
        if (!request.HasFormContentType)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "multipart form expected");
        }
        var form = await request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        var challengeId = form["challenge_id"].ToString();
        if (file is null || challengeId.Length == 0)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "the upload needs file and challenge_id");
        }
        using var data = new MemoryStream();
        await file.CopyToAsync(data);
        Received.Add(new ReceivedHeatmap(Plaintext, challengeId, form["file_type"].ToString(), file.FileName, data.ToArray()));
        return Results.Json(new { filename = file.FileName, filepath = "heatmaps/" + file.FileName }, statusCode: StatusCodes.Status201Created);
    }

    private IResult SybilScores(byte[] body)
    {
        if (ParseObject(body) is not { } query || !query.TryGetProperty("miner_hotkeys", out var hotkeys) || hotkeys.ValueKind != JsonValueKind.Array)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "miner_hotkeys must be an array");
        }
        var scores = hotkeys.EnumerateArray()
            .Where(hotkey => hotkey.ValueKind == JsonValueKind.String)
            .Select(hotkey => hotkey.GetString()!)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(hotkey => hotkey, hotkey => new { sybil_score = _options.SybilScores.GetValueOrDefault(hotkey), priority_weight = _options.PriorityWeights.GetValueOrDefault(hotkey, 1.0) });
        return Results.Json(new { scores });
    }

    /// <summary>Stores a report whose <paramref name="listField"/> must be an array; the answer counts its items.</summary>
    private IResult StoreReport(string path, string hotkey, byte[] body, string listField, string countField)
    {
        if (ParseObject(body) is not { } report || !report.TryGetProperty(listField, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, $"{listField} must be an array");
        }
        Received.Add(new ReceivedReport(path, hotkey, report));
        return Results.Json(new Dictionary<string, int> { [countField] = list.GetArrayLength() }, statusCode: StatusCodes.Status201Created);
    }

    private IResult PullChallenge(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + _options.ApiKey)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "bad bearer key");
        }
        if (!KnownValidator(request))
        {
            return Refuse(StatusCodes.Status403Forbidden, "unknown validator_hotkey");
        }
        return _challenges.TryDequeue(out var challenge)
            ? Results.Text(challenge, "application/json", Encoding.UTF8)
            : Results.NoContent();
    }

    private async Task<IResult> PostResponseAsync(HttpRequest request)
    {
        var body = await ReadBodyAsync(request);
        if (request.Headers["api-key"].ToString() != _options.ApiKey)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "bad api-key");
        }
        if (!KnownValidator(request))
        {
            return Refuse(StatusCodes.Status403Forbidden, "unknown validator_hotkey");
        }
        if (ParseObject(body) is not { } response || Text(response, "id") is not { } id)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "the response needs an id");
        }
        Received.Add(new ReceivedResponse(request.Query["validator_hotkey"].ToString(), response));
        return Results.Json(new { id, text = Text(response, "text") }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>HEAD's TEST_MODE single answer over Fiber: <c>{"id","text","original_request"}</c>, 200 on success.</summary>
    private IResult StoreCallback(string hotkey, byte[] body)
    {
        if (ParseObject(body) is not { } response || Text(response, "id") is null)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "the callback needs an id");
        }
        Received.Add(new ReceivedResponse(hotkey, response));
        return Results.Json(new { success = true });
    }

    private bool KnownValidator(HttpRequest request) => _options.ValidatorHotkeys.Contains(request.Query["validator_hotkey"].ToString());

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static JsonElement? ParseObject(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IResult Refuse(int status, string detail) => Results.Json(new { detail }, statusCode: status);
}
