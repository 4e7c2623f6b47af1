using System.Net;
using System.Text;
using System.Text.Json;
using Loosh.Protocols.ChallengeApi;
using Loosh.Protocols.SignedHttp;
using Loosh.Protocols.Tests.SignedHttp;

namespace Loosh.Protocols.Tests.ChallengeApi;

/// <summary>ChallengeApiClient against a scripted Challenge API (Kestrel) and a scripted Fiber channel.</summary>
public sealed class ChallengeApiClientTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan ShortDelay = TimeSpan.FromMilliseconds(10);
    private static readonly string ValidatorHotkey = TestKeys.Address(TestKeys.Validator());

    private readonly ManualTime _time = new(DateTimeOffset.UtcNow);
    private readonly ScriptedChannel _channel = new();
    private readonly HttpClient _http = new();
    private ScriptedApi _api = null!;

    public async Task InitializeAsync() => _api = await ScriptedApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private ChallengeApiClient Client(TimeSpan? timeout = null, Uri? baseUrl = null, int maxResponseBytes = 1 << 20) => new(
        _http, _channel, new HotkeySigner(TestKeys.Validator(), "api-key-0", _time),
        new ChallengeApiOptions
        {
            BaseUrl = baseUrl ?? _api.BaseUrl,
            ApiKey = "api-key-0",
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
            MaxResponseBytes = maxResponseBytes,
            BatchRetryDelays = [ShortDelay, ShortDelay, ShortDelay],
            ChallengePullRetryDelays = [ShortDelay, ShortDelay],
        },
        _time);

    private static BatchSubmission Batch() => new(
        "c-1",
        [new MinerResponseEntry("5Fminer", 42, "answer", null, "stop", 8123, new TokenUsage(0, 0, 0))],
        new BatchEvaluation(0.81, new Dictionary<string, double> { ["5Fminer"] = 0.73 }, "5Fminer", null, null, null),
        ValidatorHotkey,
        JsonDocument.Parse("""{"id":"c-1","prompt":"p"}""").RootElement.Clone());

    /// <summary>Checks the signed headers of a received request with the same rules our own endpoints use.</summary>
    private HotkeyVerification VerifySigned(Received request, bool coverBody) =>
        new HotkeySignatureVerifier([ValidatorHotkey], TimeSpan.FromMinutes(1), 10, _time)
            .Verify(request.Headers["X-Hotkey"], request.Headers["X-Nonce"], request.Headers["X-Signature"], coverBody ? request.Body : []);

    [Fact]
    public async Task A_batch_goes_over_the_encrypted_channel_as_snake_case_JSON()
    {
        _channel.Answer(HttpStatusCode.Created);

        var outcome = await Client().SubmitBatchAsync(Batch(), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(DeliveryStatus.Delivered, "encrypted", HttpStatusCode.Created, null), outcome);
        var call = Assert.Single(_channel.Calls);
        Assert.Equal("/fiber/response/batch", call.Path);
        Assert.Equal(
            """{"challenge_id":"c-1","responses":[{"miner_id":"5Fminer","miner_uid":42,"text":"answer","tool_calls":null,"finish_reason":"stop","response_time_ms":8123,"usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}],"evaluation":{"consensus_score":0.81,"emissions":{"5Fminer":0.73},"best_miner_id":"5Fminer","heatmap_path":null,"narrative":null,"sybil_detection":null},"validator_hotkey":"VALIDATOR","original_request":{"id":"c-1","prompt":"p"}}"""
                .Replace("VALIDATOR", ValidatorHotkey, StringComparison.Ordinal),
            Encoding.UTF8.GetString(call.Json));
        Assert.Empty(_api.Received);
    }

    [Fact]
    public async Task Retryable_statuses_are_retried_up_to_four_attempts()
    {
        _channel.Answer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.NotFound, HttpStatusCode.InternalServerError, HttpStatusCode.OK);

        var outcome = await Client().SubmitBatchAsync(Batch(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.Equal("encrypted", outcome.Route);
        Assert.Equal(4, _channel.Calls.Count);
        Assert.Empty(_api.Received);
    }

    [Fact]
    public async Task After_four_failed_encrypted_attempts_the_signed_plaintext_fallback_is_used()
    {
        _channel.Answer(HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK);
        _api.Script("/response/batch", new Answer(201, """{"ok":true}"""));

        var outcome = await Client().SubmitBatchAsync(Batch(), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(DeliveryStatus.Delivered, "plaintext", HttpStatusCode.Created, null), outcome);
        Assert.Equal(4, _channel.Calls.Count);
        var request = Assert.Single(_api.To("/response/batch"));
        Assert.Equal("POST", request.Method);
        Assert.Equal(_channel.Calls[0].Json, request.Body);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal(ValidatorHotkey, request.Headers["x-validator-hotkey"]);
        Assert.Equal("api-key-0", request.Headers["X-API-Key"]);
        Assert.Equal(HotkeyVerification.Valid, VerifySigned(request, coverBody: true));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task Other_encrypted_failures_are_not_retried(HttpStatusCode status)
    {
        _channel.Answer(status);
        _api.Script("/response/batch", new Answer(201));

        var outcome = await Client().SubmitBatchAsync(Batch(), CancellationToken.None);

        Assert.Single(_channel.Calls);
        Assert.Equal("plaintext", outcome.Route);
        Assert.True(outcome.IsDelivered);
    }

    [Fact]
    public async Task An_encrypted_409_counts_as_delivered_without_the_fallback()
    {
        _channel.Answer(HttpStatusCode.Conflict);

        var outcome = await Client().SubmitBatchAsync(Batch(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Duplicate, outcome.Status);
        Assert.True(outcome.IsDelivered);
        Assert.Single(_channel.Calls);
        Assert.Empty(_api.Received);
    }

    [Fact]
    public async Task Encrypted_timeouts_are_retried_and_a_plaintext_409_counts_as_delivered()
    {
        _channel.Hang();
        _api.Script("/response/batch", new Answer(409));

        var outcome = await Client(timeout: TimeSpan.FromMilliseconds(100)).SubmitBatchAsync(Batch(), CancellationToken.None);

        Assert.Equal(4, _channel.Calls.Count);
        Assert.Equal(new DeliveryOutcome(DeliveryStatus.Duplicate, "plaintext", HttpStatusCode.Conflict, "already accepted (HTTP 409)"), outcome);
    }

    [Fact]
    public async Task A_plaintext_200_is_not_success_for_the_batch()
    {
        _channel.Answer(HttpStatusCode.BadRequest);
        _api.Script("/response/batch", new Answer(200));

        var outcome = await Client().SubmitBatchAsync(Batch(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failed, outcome.Status);
        Assert.Equal("encrypted: HTTP 400; plaintext: HTTP 200", outcome.Reason);
    }

    [Fact]
    public async Task An_outage_is_reported_not_thrown()
    {
        _channel.Throw(new HttpRequestException("connection refused"));
        var closed = new Uri("http://127.0.0.1:1/");

        var outcome = await Client(baseUrl: closed).SubmitBatchAsync(Batch(), CancellationToken.None);
        var validators = await Client(baseUrl: closed).RefreshValidatorsAsync(CancellationToken.None);
        var challenge = await Client(baseUrl: closed).PullChallengeAsync(CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failed, outcome.Status);
        Assert.Single(_channel.Calls);
        Assert.StartsWith("encrypted: ", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("plaintext: ", outcome.Reason, StringComparison.Ordinal);
        Assert.False(validators.Refreshed);
        Assert.NotNull(validators.Failure);
        Assert.False(challenge.IsOk);
    }

    [Fact]
    public async Task An_encrypted_channel_error_falls_back_to_plaintext()
    {
        _channel.Throw(new System.Security.Cryptography.CryptographicException("bad token"));
        _api.Script("/response/batch", new Answer(201));

        var outcome = await Client().SubmitBatchAsync(Batch(), CancellationToken.None);

        Assert.Single(_channel.Calls);
        Assert.Equal(DeliveryStatus.Delivered, outcome.Status);
        Assert.Equal("plaintext", outcome.Route);
    }

    [Fact]
    public async Task The_validator_list_keeps_the_previous_set_on_503()
    {
        _api.Script("/validators",
            new Answer(200, """
                [{"hotkey_ss58":"5A","validator_permit":true},
                 {"hotkey_ss58":"5B","validator_permit":false,"metadata":{"admin_approved":true}},
                 {"hotkey_ss58":"5C","validator_permit":false,"metadata":{"admin_approved":false}},
                 {"validator_permit":true}, 7]
                """),
            new Answer(503, """{"detail":"DB unavailable"}"""));
        var client = Client();

        var first = await client.RefreshValidatorsAsync(CancellationToken.None);
        var second = await client.RefreshValidatorsAsync(CancellationToken.None);

        Assert.True(first.Refreshed);
        Assert.Equal(["5A", "5B"], first.Validators.Order(StringComparer.Ordinal));
        Assert.False(second.Refreshed);
        Assert.Equal("HTTP 503", second.Failure);
        Assert.Equal(["5A", "5B"], second.Validators.Order(StringComparer.Ordinal));
        Assert.Equal(["5A", "5B"], client.Validators.Order(StringComparer.Ordinal));
        var request = _api.To("/validators")[0];
        Assert.Equal("GET", request.Method);
        Assert.Equal(HotkeyVerification.Valid, VerifySigned(request, coverBody: false));
    }

    [Fact]
    public async Task The_pull_protocol_sends_the_bearer_key_and_retries_transport_failures()
    {
        _api.Script("/challenge",
            new Answer(200, "{}", TimeSpan.FromSeconds(5)),
            new Answer(200, "{}", TimeSpan.FromSeconds(5)),
            new Answer(200, """{"id":"c-9","prompt":"Explain tides","created_at":"2026-03-21T10:00:00"}"""));

        // Long enough for the answering third attempt on a busy machine, far below the 5 s the first two hang.
        var result = await Client(timeout: TimeSpan.FromSeconds(2)).PullChallengeAsync(CancellationToken.None);

        Assert.True(result.IsOk, result.Failure);
        Assert.Equal("c-9", result.Value!.Id);
        var requests = _api.To("/challenge");
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("GET", r.Method);
            Assert.Equal("Bearer api-key-0", r.Headers["Authorization"]);
            Assert.Equal("?validator_hotkey=" + ValidatorHotkey, r.Query);
        });
    }

    [Fact]
    public async Task The_pull_protocol_gives_up_after_three_transport_failures()
    {
        _api.Script("/challenge", new Answer(200, "{}", TimeSpan.FromSeconds(5)));

        var result = await Client(timeout: TimeSpan.FromMilliseconds(200)).PullChallengeAsync(CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.Equal(3, _api.To("/challenge").Count);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(500)]
    [InlineData(404)]
    public async Task A_non_200_pull_means_no_challenge_without_retry(int status)
    {
        _api.Script("/challenge", new Answer(status));

        var result = await Client().PullChallengeAsync(CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.Equal((HttpStatusCode)status, result.StatusCode);
        Assert.Single(_api.To("/challenge"));
    }

    [Fact]
    public async Task A_v0_response_carries_the_api_key_header_and_expects_201()
    {
        _api.Script("/response", new Answer(201, """{"id":"c-1"}"""), new Answer(200));
        var original = JsonDocument.Parse("""{"id":"c-1","prompt":"p"}""").RootElement.Clone();
        var client = Client();

        var first = await client.PostResponseAsync(new SingleResponse("c-1", "answer", original), CancellationToken.None);
        var second = await client.PostResponseAsync(new SingleResponse("c-1", "answer", original), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, first.Status);
        Assert.Equal(DeliveryStatus.Failed, second.Status);
        var request = _api.To("/response")[0];
        Assert.Equal("api-key-0", request.Headers["api-key"]);
        Assert.Equal("?validator_hotkey=" + ValidatorHotkey, request.Query);
        Assert.Equal("""{"id":"c-1","text":"answer","original_request":{"id":"c-1","prompt":"p"}}""", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task Sybil_scores_read_both_the_object_and_the_number_forms()
    {
        _api.Script("/analytics/sybil-scores/batch", new Answer(200,
            """{"scores":{"5A":{"sybil_score":0.4,"priority_weight":0.25},"5B":{"sybil_score":0.1},"5C":0.9,"5D":"x"}}"""));

        var result = await Client().GetSybilScoresAsync(["5A", "5B"], CancellationToken.None);

        Assert.True(result.IsOk, result.Failure);
        Assert.Equal(new SybilScore(0.4, 0.25), result.Value!["5A"]);
        Assert.Equal(new SybilScore(0.1, 1.0), result.Value["5B"]);
        Assert.Equal(new SybilScore(0.9, 1.0), result.Value["5C"]);
        Assert.Equal(new SybilScore(null, 1.0), result.Value["5D"]);
        var request = Assert.Single(_api.To("/analytics/sybil-scores/batch"));
        Assert.Equal("""{"miner_hotkeys":["5A","5B"]}""", Encoding.UTF8.GetString(request.Body));
        Assert.Equal(HotkeyVerification.Valid, VerifySigned(request, coverBody: true));
    }

    [Fact]
    public async Task Sybil_scores_fail_on_an_error_status()
    {
        _api.Script("/analytics/sybil-scores/batch", new Answer(500));

        var result = await Client().GetSybilScoresAsync(["5A"], CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.Equal("HTTP 500", result.Failure);
    }

    [Fact]
    public async Task Analytics_reports_send_the_reference_bodies()
    {
        _api.Script("/analytics/penalty-report", new Answer(201));
        _api.Script("/analytics/sybil-detection/bulk", new Answer(201, """{"inserted_count":1}"""));
        _api.Script("/analytics/miner-network/bulk", new Answer(500));
        var client = Client();

        var penalty = await client.ReportPenaltiesAsync(new PenaltyReport(ValidatorHotkey, new DateTimeOffset(2026, 3, 21, 10, 0, 0, TimeSpan.Zero),
            [new PenaltyEntry("5F", 12, "graduated", 0.7)]), CancellationToken.None);
        var sybil = await client.ReportSybilDetectionsAsync(
            [new SybilDetectionRecord(ValidatorHotkey, "c-1", 1, 1,
                [new SuspiciousPair("5F", "5G", 0.97, "a", "b", "embedding")],
                [new SuspiciousGroup(["5F", "5G"], 0.95, 0.93, 0.98, 0.93, new Dictionary<string, string> { ["5F"] = "a" })],
                "report", 0.8, 0.88)], CancellationToken.None);
        var network = await client.ReportMinerNetworkAsync(new MinerNetworkReport(ValidatorHotkey,
            [new MinerObservation("5F", "1680356206", 12, "5C", 8000, null, null)]), CancellationToken.None);

        Assert.True(penalty.IsDelivered);
        Assert.True(sybil.IsDelivered);
        Assert.Equal(DeliveryStatus.Failed, network.Status);
        Assert.Equal(
            $$"""{"validator_hotkey":"{{ValidatorHotkey}}","penalties":[{"miner_hotkey":"5F","miner_uid":12,"penalty_type":"graduated","sybil_score":0.7}],"timestamp":"2026-03-21T10:00:00"}""",
            Encoding.UTF8.GetString(_api.To("/analytics/penalty-report")[0].Body));
        Assert.Equal(
            """{"records":[{"validator_hotkey_ss58":"VALIDATOR","challenge_id":"c-1","suspicious_pairs_count":1,"suspicious_groups_count":1,"suspicious_pairs":[{"miner_hotkey_1":"5F","miner_hotkey_2":"5G","similarity_score":0.97,"response_text_1":"a","response_text_2":"b","detection_method":"embedding"}],"suspicious_groups":[{"miner_hotkeys":["5F","5G"],"avg_similarity":0.95,"min_similarity":0.93,"max_similarity":0.98,"min_internal_similarity":0.93,"response_texts":{"5F":"a"}}],"analysis_report":"report","high_similarity_threshold":0.8,"very_high_similarity_threshold":0.88}]}""".Replace("VALIDATOR", ValidatorHotkey, StringComparison.Ordinal),
            Encoding.UTF8.GetString(_api.To("/analytics/sybil-detection/bulk")[0].Body));
        Assert.Equal(
            $$"""{"validator_hotkey":"{{ValidatorHotkey}}","observations":[{"miner_hotkey":"5F","ip_address":"1680356206","miner_uid":12,"coldkey":"5C","port":8000,"asn":null,"asn_name":null}]}""",
            Encoding.UTF8.GetString(_api.To("/analytics/miner-network/bulk")[0].Body));
        Assert.All(_api.Received, r => Assert.Equal(HotkeyVerification.Valid, VerifySigned(r, coverBody: true)));
    }

    [Fact]
    public async Task A_heatmap_falls_back_to_a_multipart_upload_signed_without_the_body_hash()
    {
        _channel.Answer(HttpStatusCode.InternalServerError);
        _api.Script("/heatmap/upload", new Answer(201, """{"filename":"stored.png","filepath":"/x/stored.png"}"""));
        var png = new byte[] { 0x89, 0x50, 0x4e, 0x47 };

        var result = await Client().UploadHeatmapAsync(new HeatmapFile("c-1", "heatmap", "h.png", "image/png", png), CancellationToken.None);

        Assert.Equal("stored.png", result.Value);
        using var json = JsonDocument.Parse(Assert.Single(_channel.Calls).Json);
        Assert.Equal("/fiber/heatmap/upload", _channel.Calls[0].Path);
        Assert.Equal(Convert.ToBase64String(png), json.RootElement.GetProperty("data").GetString());
        Assert.Equal("heatmap", json.RootElement.GetProperty("file_type").GetString());
        var request = Assert.Single(_api.To("/heatmap/upload"));
        Assert.StartsWith("multipart/form-data", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(HotkeyVerification.Valid, VerifySigned(request, coverBody: false));
    }

    [Fact]
    public async Task A_heatmap_uploaded_over_the_encrypted_channel_needs_no_fallback()
    {
        _channel.Answer(HttpStatusCode.OK);

        var result = await Client().UploadHeatmapAsync(new HeatmapFile("c-1", "quality_plot", "q.png", "image/png", [1]), CancellationToken.None);

        Assert.Equal("h.png", result.Value);
        Assert.Empty(_api.Received);
    }

    [Fact]
    public async Task An_oversized_response_is_refused()
    {
        _api.Script("/validators", new Answer(200, "[" + string.Join(",", Enumerable.Repeat("""{"hotkey_ss58":"5A","validator_permit":true}""", 100)) + "]"));

        var result = await Client(maxResponseBytes: 1000).RefreshValidatorsAsync(CancellationToken.None);

        Assert.False(result.Refreshed);
        Assert.Contains("larger than 1000 bytes", result.Failure, StringComparison.Ordinal);
    }
}
