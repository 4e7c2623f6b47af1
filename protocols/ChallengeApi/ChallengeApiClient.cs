using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Loosh.Protocols.SignedHttp;
using Polly;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>
/// The validator's calls to the central Challenge API (protocols.md §1.2–§1.8): the v0 pull protocol, batch results
/// over Fiber with a signed plaintext fallback, validator discovery, sybil scores and analytics reports. Every call
/// has a timeout and a response-size limit and reports an outage as a value, never as an exception, because the
/// validator must keep working while the central service is down.
/// </summary>
public sealed class ChallengeApiClient
{
    private const string Encrypted = "encrypted";
    private const string Plaintext = "plaintext";

    private static readonly HttpStatusCode[] BatchRetryStatuses =
    [
        HttpStatusCode.NotFound, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private readonly ChallengeApiTransport _transport;
    private readonly HotkeySigner _signer;
    private readonly ChallengeApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<ApiResponse> _batchRetry;
    private readonly ResiliencePipeline<ApiResponse> _pullRetry;
    private IReadOnlySet<string> _validators = new HashSet<string>();

    public ChallengeApiClient(HttpClient http, IEncryptedChannel channel, HotkeySigner signer, ChallengeApiOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _transport = new ChallengeApiTransport(http, channel, options);
        _signer = signer;
        _options = options;
        _time = time;
        _batchRetry = ChallengeApiTransport.Retry(options.BatchRetryDelays, r => r.TimedOut || r.Is(BatchRetryStatuses));
        _pullRetry = ChallengeApiTransport.Retry(options.ChallengePullRetryDelays, r => r.Status is null);
    }

    /// <summary>The last validator set read from <c>GET /validators</c>; empty until the first success.</summary>
    public IReadOnlySet<string> Validators => Volatile.Read(ref _validators);

    /// <summary>
    /// v0: <c>GET /challenge?validator_hotkey=</c> with a bearer key. A transport failure is retried after 5 s and
    /// 10 s; any status other than 200 means "no challenge now" and is not retried.
    /// </summary>
    public async Task<ApiResult<ChallengeMessage>> PullChallengeAsync(CancellationToken ct)
    {
        var response = await _pullRetry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _transport.Url("/challenge" + HotkeyQuery()));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            return await _transport.SendAsync(request, _options.RequestTimeout, token);
        }, ct);
        if (!response.Is(HttpStatusCode.OK))
        {
            return new(null, response.Status, $"no challenge: {response.Describe()}");
        }
        var parsed = ChallengeParser.Parse(response.Body, _time.GetUtcNow());
        return parsed.IsOk
            ? new(parsed.Value, response.Status, null)
            : new(null, response.Status, "the challenge is invalid: "
                + (parsed.MalformedReason ?? string.Join("; ", parsed.Problems.Select(p => $"{p.Field} {p.Message}"))));
    }

    /// <summary>v0: <c>POST /response?validator_hotkey=</c> with the <c>api-key</c> header; 201 is success. No retry.</summary>
    public Task<DeliveryOutcome> PostResponseAsync(SingleResponse response, CancellationToken ct) =>
        PostResponseAsync(ChallengeApiJson.Serialize(response), ct);

    /// <summary><see cref="PostResponseAsync(SingleResponse, CancellationToken)"/> for a body already in wire form.</summary>
    public async Task<DeliveryOutcome> PostResponseAsync(byte[] json, CancellationToken ct)
    {
        using var request = JsonRequest("/response" + HotkeyQuery(), json);
        request.Headers.TryAddWithoutValidation("api-key", _options.ApiKey);
        return Delivery(await _transport.SendAsync(request, _options.RequestTimeout, ct), Plaintext, HttpStatusCode.Created);
    }

    /// <summary>
    /// HEAD's legacy single answer <c>POST /fiber/callback</c> (Fernet <c>{"id","text","original_request"}</c>), used in
    /// TEST_MODE; 200 or 201 is success (protocols.md §1.3 #5).
    /// </summary>
    public async Task<DeliveryOutcome> PostCallbackAsync(byte[] json, CancellationToken ct) =>
        Delivery(await _transport.SendEncryptedAsync("/fiber/callback", json, _options.RequestTimeout, ct), Encrypted, HttpStatusCode.OK, HttpStatusCode.Created);

    /// <summary>
    /// Sends a challenge's results: up to 4 encrypted attempts to <c>/fiber/response/batch</c> (retrying 404/500/502/
    /// 503/504 and timeouts), then one signed plaintext <c>POST /response/batch</c>. 409 on either path is a duplicate,
    /// which counts as delivered.
    /// </summary>
    public Task<DeliveryOutcome> SubmitBatchAsync(BatchSubmission batch, CancellationToken ct) =>
        SubmitBatchAsync(ChallengeApiJson.Serialize(batch), ct);

    /// <summary>
    /// <see cref="SubmitBatchAsync(BatchSubmission, CancellationToken)"/> for a batch already in wire form
    /// (<see cref="ToWireJson"/>), as the validator's outbox keeps it.
    /// </summary>
    public async Task<DeliveryOutcome> SubmitBatchAsync(byte[] json, CancellationToken ct)
    {
        var encrypted = await _batchRetry.ExecuteAsync(
            async token => await _transport.SendEncryptedAsync("/fiber/response/batch", json, _options.RequestTimeout, token), ct);
        if (encrypted.Is(HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict))
        {
            return Delivery(encrypted, Encrypted, HttpStatusCode.OK, HttpStatusCode.Created);
        }
        using var request = JsonRequest("/response/batch", json);
        if (_signer.Hotkey is not null)
        {
            request.Headers.TryAddWithoutValidation("x-validator-hotkey", _signer.Hotkey);
        }
        var plaintext = await SignedAsync(request, _options.RequestTimeout, ct);
        var outcome = Delivery(plaintext, Plaintext, HttpStatusCode.Created);
        return outcome.IsDelivered ? outcome : outcome with { Reason = $"encrypted: {encrypted.Describe()}; plaintext: {outcome.Reason}" };
    }

    /// <summary>
    /// <c>GET /validators</c> (signed, no body). A 200 replaces <see cref="Validators"/>; anything else (503 "DB
    /// unavailable" included) keeps the previous set.
    /// </summary>
    public async Task<ValidatorSetResult> RefreshValidatorsAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _transport.Url("/validators"));
        var response = await SignedAsync(request, _options.RequestTimeout, ct);
        var validators = response.Is(HttpStatusCode.OK) ? ValidatorListReader.Read(response.Body) : null;
        if (validators is null)
        {
            var failure = response.Is(HttpStatusCode.OK) ? "the validator list is not a JSON array" : response.Describe();
            return new(Validators, false, failure);
        }
        Volatile.Write(ref _validators, validators);
        return new(validators, true, null);
    }

    /// <summary><c>POST /analytics/sybil-scores/batch</c>: the sybil score and priority weight per miner hotkey.</summary>
    public async Task<ApiResult<IReadOnlyDictionary<string, SybilScore>>> GetSybilScoresAsync(IEnumerable<string> minerHotkeys, CancellationToken ct)
    {
        using var request = JsonRequest("/analytics/sybil-scores/batch", ChallengeApiJson.Serialize(new { miner_hotkeys = minerHotkeys }));
        var response = await SignedAsync(request, _options.RequestTimeout, ct);
        if (response.Status is not { } status || (int)status is < 200 or > 299)
        {
            return new(null, response.Status, response.Describe());
        }
        var scores = SybilScoreReader.Read(response.Body);
        return scores is null ? new(null, status, "the body has no scores object") : new(scores, status, null);
    }

    /// <summary><c>POST /analytics/penalty-report</c> (15 s timeout; 201 is success).</summary>
    public Task<DeliveryOutcome> ReportPenaltiesAsync(PenaltyReport report, CancellationToken ct) =>
        PostReportAsync(AnalyticsReport.Penalties, ChallengeApiJson.Serialize(report), ct);

    /// <summary><c>POST /analytics/sybil-detection/bulk</c> with <c>{"records": [...]}</c>; 201 is success.</summary>
    public Task<DeliveryOutcome> ReportSybilDetectionsAsync(IReadOnlyList<SybilDetectionRecord> records, CancellationToken ct) =>
        PostReportAsync(AnalyticsReport.SybilDetections, ChallengeApiJson.Serialize(new { records }), ct);

    /// <summary><c>POST /analytics/miner-network/bulk</c>; 201 is success.</summary>
    public Task<DeliveryOutcome> ReportMinerNetworkAsync(MinerNetworkReport report, CancellationToken ct) =>
        PostReportAsync(AnalyticsReport.MinerNetwork, ChallengeApiJson.Serialize(report), ct);

    /// <summary>Sends an analytics report already in wire form (<see cref="ToWireJson"/>), signed; 201 is success.</summary>
    public async Task<DeliveryOutcome> PostReportAsync(AnalyticsReport report, byte[] json, CancellationToken ct)
    {
        var (path, timeout) = report switch
        {
            AnalyticsReport.Penalties => ("/analytics/penalty-report", _options.PenaltyReportTimeout),
            AnalyticsReport.SybilDetections => ("/analytics/sybil-detection/bulk", _options.RequestTimeout),
            AnalyticsReport.MinerNetwork => ("/analytics/miner-network/bulk", _options.RequestTimeout),
            _ => throw new ArgumentOutOfRangeException(nameof(report), report, "Unknown analytics report."),
        };
        using var request = JsonRequest(path, json);
        return Delivery(await SignedAsync(request, timeout, ct), Plaintext, HttpStatusCode.Created);
    }

    /// <summary>
    /// A request body in the Challenge API's wire form (snake_case JSON), for callers that store it before sending
    /// (the validator's outbox) so what is retried later is byte for byte what was first produced.
    /// </summary>
    public static byte[] ToWireJson<T>(T body) => ChallengeApiJson.Serialize(body);

    /// <summary>
    /// Uploads a heatmap or quality plot: encrypted JSON with the file in base64 to <c>/fiber/heatmap/upload</c>
    /// (200/201), else a multipart <c>POST /heatmap/upload</c> signed without a body hash (201). The value is the
    /// stored file name.
    /// </summary>
    public async Task<ApiResult<string>> UploadHeatmapAsync(HeatmapFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var json = ChallengeApiJson.Serialize(new
        {
            challenge_id = file.ChallengeId,
            file_type = file.FileType,
            filename = file.Filename,
            content_type = file.ContentType,
            data = Convert.ToBase64String(file.Data),
        });
        var encrypted = await _transport.SendEncryptedAsync("/fiber/heatmap/upload", json, _options.UploadTimeout, ct);
        if (encrypted.Is(HttpStatusCode.OK, HttpStatusCode.Created))
        {
            return Filename(encrypted);
        }
        var content = new ByteArrayContent(file.Data);
        content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, _transport.Url("/heatmap/upload"))
        {
            Content = new MultipartFormDataContent
            {
                { content, "file", file.Filename },
                { new StringContent(file.ChallengeId), "challenge_id" },
                { new StringContent(file.FileType), "file_type" },
            },
        };
        await _signer.SignAsync(request, coverBody: false, ct);
        var plaintext = await _transport.SendAsync(request, _options.UploadTimeout, ct);
        return plaintext.Is(HttpStatusCode.Created)
            ? Filename(plaintext)
            : new(null, plaintext.Status, $"encrypted: {encrypted.Describe()}; plaintext: {plaintext.Describe()}");
    }

    private async Task<ApiResponse> SignedAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken ct)
    {
        await _signer.SignAsync(request, coverBody: true, ct);
        return await _transport.SendAsync(request, timeout, ct);
    }

    private HttpRequestMessage JsonRequest(string pathAndQuery, byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, _transport.Url(pathAndQuery)) { Content = content };
    }

    private string HotkeyQuery() => "?validator_hotkey=" + Uri.EscapeDataString(_signer.Hotkey ?? "");

    private static DeliveryOutcome Delivery(ApiResponse response, string route, params HttpStatusCode[] success)
    {
        if (response.Is(success))
        {
            return new(DeliveryStatus.Delivered, route, response.Status, null);
        }
        return response.Is(HttpStatusCode.Conflict)
            ? new(DeliveryStatus.Duplicate, route, response.Status, "already accepted (HTTP 409)")
            : new(DeliveryStatus.Failed, route, response.Status, response.Describe());
    }

    private static ApiResult<string> Filename(ApiResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("filename", out var name) && name.ValueKind == JsonValueKind.String
                ? new(name.GetString(), response.Status, null)
                : new(null, response.Status, "the upload answer has no filename");
        }
        catch (JsonException)
        {
            return new(null, response.Status, "the upload answer is not JSON");
        }
    }
}
