using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Loosh.Chain.Crypto;
using Loosh.Devnet.ChallengeApi;
using Loosh.Protocols.ChallengeApi;
using Loosh.Protocols.Fiber;
using Loosh.Protocols.SignedHttp;

namespace Loosh.Devnet.Tests;

/// <summary>The real <see cref="ChallengeApiClient"/>, over a real Fiber channel, against the simulated Challenge API.</summary>
public sealed class SimulatedChallengeApiTests : IAsyncLifetime, IDisposable
{
    private const string MinerA = "5FminerA";
    private const string MinerB = "5FminerB";
    private static readonly TimeSpan ShortDelay = TimeSpan.FromMilliseconds(10);
    private static readonly Sr25519KeyPair Validator = Sr25519KeyPair.FromMiniSecret(Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly string ValidatorHotkey = Ss58.Encode(Validator.PublicKey.Span);

    private readonly HttpClient _http = new();
    private SimulatedChallengeApi _api = null!;

    public async Task InitializeAsync() => _api = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions
    {
        ValidatorHotkeys = [ValidatorHotkey],
        PriorityWeights = new Dictionary<string, double> { [MinerA] = 0.25 },
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private ChallengeApiClient Client() => new(
        _http,
        new FiberClient(_http, Validator, FiberFlavor.ChallengeApi, FiberClientOptions.ForChallengeApi(), TimeProvider.System),
        Signer(),
        new ChallengeApiOptions
        {
            BaseUrl = _api.BaseUrl,
            ApiKey = "api-key-0",
            RequestTimeout = TimeSpan.FromSeconds(5),
            BatchRetryDelays = [ShortDelay, ShortDelay, ShortDelay],
            ChallengePullRetryDelays = [ShortDelay, ShortDelay],
        },
        TimeProvider.System);

    private static HotkeySigner Signer() => new(Validator, "api-key-0", TimeProvider.System);

    private static BatchSubmission Batch(string challengeId) => new(
        challengeId,
        [new MinerResponseEntry(MinerA, 42, "answer", null, "stop", 8123, new TokenUsage(0, 0, 0))],
        new BatchEvaluation(0.81, new Dictionary<string, double> { [MinerA] = 0.73 }, MinerA, null, null, null),
        ValidatorHotkey,
        JsonDocument.Parse($$"""{"id":"{{challengeId}}","prompt":"p"}""").RootElement.Clone());

    private async Task<HttpStatusCode> PostSignedBatchAsync(Action<HttpRequestMessage> tamper)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_api.BaseUrl, "response/batch"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"challenge_id":"c-plain","responses":[]}""")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await Signer().SignAsync(request, coverBody: true, CancellationToken.None);
        tamper(request);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_batch_arrives_decrypted_over_Fiber_and_is_visible_in_received()
    {
        var outcome = await Client().SubmitBatchAsync(Batch("c-1"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome(DeliveryStatus.Delivered, "encrypted", HttpStatusCode.Created, null), outcome);
        var batch = Assert.Single(_api.Received.Batches);
        Assert.Equal(("encrypted", "c-1", ValidatorHotkey), (batch.Route, batch.ChallengeId, batch.Hotkey));
        Assert.Equal(MinerA, batch.Body.GetProperty("evaluation").GetProperty("best_miner_id").GetString());
        var received = await _http.GetStringAsync(new Uri(_api.BaseUrl, "_devnet/received"));
        Assert.Equal("c-1", JsonDocument.Parse(received).RootElement.GetProperty("batches")[0].GetProperty("challenge_id").GetString());
    }

    [Fact]
    public async Task A_second_batch_for_the_same_challenge_is_a_duplicate()
    {
        var client = Client();
        await client.SubmitBatchAsync(Batch("c-1"), CancellationToken.None);

        var outcome = await client.SubmitBatchAsync(Batch("c-1"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Duplicate, outcome.Status);
        Assert.Single(_api.Received.Batches);
    }

    [Fact]
    public async Task During_an_outage_the_batch_fails_with_the_reason_and_a_retry_afterwards_is_delivered()
    {
        var client = Client();
        _api.BeginOutage(TimeSpan.FromMinutes(5));

        var failed = await client.SubmitBatchAsync(Batch("c-1"), CancellationToken.None);

        Assert.Equal((DeliveryStatus.Failed, "plaintext", HttpStatusCode.ServiceUnavailable), (failed.Status, failed.Route, failed.StatusCode));
        Assert.Contains("503", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(_api.Received.Batches);

        _api.EndOutage();
        var retried = await client.SubmitBatchAsync(Batch("c-1"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, retried.Status);
        Assert.Equal("c-1", Assert.Single(_api.Received.Batches).ChallengeId);
    }

    [Fact]
    public async Task A_signed_plaintext_batch_is_accepted()
    {
        Assert.Equal(HttpStatusCode.Created, await PostSignedBatchAsync(_ => { }));

        Assert.Equal(("plaintext", "c-plain"), (Assert.Single(_api.Received.Batches).Route, _api.Received.Batches[0].ChallengeId));
    }

    [Fact]
    public async Task A_tampered_signature_is_rejected()
    {
        var status = await PostSignedBatchAsync(request =>
        {
            var signature = request.Headers.GetValues(SignedHeaderNames.Signature).Single();
            request.Headers.Remove(SignedHeaderNames.Signature);
            request.Headers.Add(SignedHeaderNames.Signature, signature[..^1] + (signature[^1] == '0' ? '1' : '0'));
        });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(_api.Received.Batches);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_rejected()
    {
        var status = await PostSignedBatchAsync(request =>
            request.Content = new StringContent("""{"challenge_id":"c-forged","responses":[]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Validators_and_sybil_scores_are_parsed()
    {
        var client = Client();

        var validators = await client.RefreshValidatorsAsync(CancellationToken.None);
        var scores = await client.GetSybilScoresAsync([MinerA, MinerB], CancellationToken.None);

        Assert.True(validators.Refreshed, validators.Failure);
        Assert.Equal([ValidatorHotkey], validators.Validators);
        Assert.True(scores.IsOk, scores.Failure);
        Assert.Equal(0.25, scores.Value![MinerA].PriorityWeight);
        Assert.Equal(1.0, scores.Value[MinerB].PriorityWeight);
    }

    [Fact]
    public async Task A_v0_pull_gets_the_queued_challenge_and_the_response_is_stored()
    {
        var client = Client();
        _api.EnqueueChallenge("""
            {"id":"c-v0","prompt":"Explain recursion.","temperature":0.7,"top_p":0.95,"max_tokens":512,"metadata":{},
             "created_at":"2026-03-21T10:00:00","status":"available","requester":null}
            """);

        var pulled = await client.PullChallengeAsync(CancellationToken.None);
        var empty = await client.PullChallengeAsync(CancellationToken.None);
        var posted = await client.PostResponseAsync(
            new SingleResponse("c-v0", "Recursion is…", JsonDocument.Parse(pulled.Value!.OriginalJson).RootElement.Clone()), CancellationToken.None);

        Assert.Equal("c-v0", pulled.Value.Id);
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.Equal(DeliveryStatus.Delivered, posted.Status);
        var response = Assert.Single(_api.Received.Responses);
        Assert.Equal((ValidatorHotkey, "Recursion is…"), (response.ValidatorHotkey, response.Body.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Reports_and_a_heatmap_are_stored()
    {
        var client = Client();

        var network = await client.ReportMinerNetworkAsync(
            new MinerNetworkReport(ValidatorHotkey, [new MinerObservation(MinerA, "1680356206", 12, "5Ccold", 8000, null, null)]), CancellationToken.None);
        var heatmap = await client.UploadHeatmapAsync(new HeatmapFile("c-1", "heatmap", "c-1.png", "image/png", [1, 2, 3]), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, network.Status);
        Assert.Equal("/analytics/miner-network/bulk", Assert.Single(_api.Received.Reports).Path);
        Assert.Equal("c-1.png", heatmap.Value);
        var stored = Assert.Single(_api.Received.Heatmaps);
        Assert.Equal("encrypted", stored.Route);
        Assert.Equal([1, 2, 3], stored.Data);
    }
}
