using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Loosh.Chain.Crypto;
using Loosh.Protocols;
using Loosh.Protocols.Fiber;
using Loosh.Protocols.Miners;

namespace Loosh.Devnet.Tests;

/// <summary>
/// The real <see cref="FiberClient"/> (miner flavour) as <see cref="MinerClient"/>'s channel against simulated miners
/// that speak Fiber like miner 1.2.2 (protocols.md §2.2, §2.6), and the miners' own key-exchange checks.
/// </summary>
public sealed class FiberMinerTests : IAsyncLifetime, IDisposable
{
    private static readonly MinerCorpus.Topic Topic = MinerCorpus.Shared.Topics[1];

    private readonly Sr25519KeyPair _validator = Sr25519KeyPair.FromMiniSecret(RandomNumberGenerator.GetBytes(Sr25519.MiniSecretLength));
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private DevnetMiners? _devnet;

    private DevnetMiners Devnet => _devnet!;

    private SimulatedMiner Honest => Devnet.Miners[0];

    private SimulatedMiner Rotating => Devnet.Miners[2];

    private SimulatedMiner Rejecting => Devnet.Miners[3];

    private string ValidatorSs58 => Ss58.Encode(_validator.PublicKey.Span);

    public async Task InitializeAsync() => _devnet = await DevnetMiners.StartAsync(
        [new MinerBehaviour.Honest(), new MinerBehaviour.Honest(), new MinerBehaviour.KeyRotation(2), new MinerBehaviour.RejectHandshake()]);

    public async Task DisposeAsync() => await Devnet.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _validator.Dispose();
    }

    private MinerClient Client() => MinerNetwork.Client(
        MinerNetwork.Options() with { ValidatorHotkey = ValidatorSs58, RequestTimeout = TimeSpan.FromSeconds(10) },
        new FiberClient(_http, _validator, FiberFlavor.Miner, new FiberClientOptions(), TimeProvider.System));

    private static MinerRequest RequestWithTool() => MinerNetwork.Request(Topic.Prompt) with
    {
        Tools = JsonDocument.Parse("""[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}]""").RootElement,
    };

    private static MinerReply Answer(MinerOutcome outcome) => Assert.IsType<MinerOutcome.Answered>(outcome).Reply;

    [Fact]
    public async Task Honest_fiber_miners_answer_with_usage_and_tool_calls_intact()
    {
        using var client = Client();

        var first = Answer(await client.InferViaFiberAsync(Honest.BaseUrl, RequestWithTool(), CancellationToken.None));
        var second = Answer(await client.InferViaFiberAsync(Devnet.Miners[1].BaseUrl, RequestWithTool(), CancellationToken.None));

        Assert.Contains(first.ResponseText, Topic.Answers);
        Assert.NotEqual(first.ResponseText, second.ResponseText);
        Assert.Equal("tool_calls", first.FinishReason);
        var call = Assert.Single(first.ToolCalls!);
        Assert.Equal(new MinerToolCall("call_1", "function", new MinerToolFunction("lookup", "{}")), call);
        Assert.NotNull(first.Usage);
        Assert.Equal(first.Usage.PromptTokens + first.Usage.CompletionTokens, first.Usage.TotalTokens);
        Assert.Equal("corr-1", first.CorrelationId);
        Assert.Equal(ValidatorSs58, Honest.LastValidatorHotkey);
    }

    [Fact]
    public async Task One_handshake_serves_many_calls_sequential_and_concurrent()
    {
        using var client = Client();

        for (var i = 0; i < 3; i++)
        {
            Answer(await client.InferViaFiberAsync(Honest.BaseUrl, MinerNetwork.Request(Topic.Prompt), CancellationToken.None));
        }
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => client.InferViaFiberAsync(Honest.BaseUrl, MinerNetwork.Request(Topic.Prompt), CancellationToken.None)));

        Assert.All(concurrent, outcome => Answer(outcome));
        Assert.Equal((1, 1, 8), (Honest.PublicKeyRequests, Honest.KeyExchanges, Honest.InferenceCount));
    }

    [Fact]
    public async Task A_rotating_miner_is_re_handshaken_from_the_inline_key_of_its_401()
    {
        using var client = Client();

        for (var i = 0; i < 5; i++)
        {
            Assert.Contains(Answer(await client.InferViaFiberAsync(Rotating.BaseUrl, MinerNetwork.Request(Topic.Prompt), CancellationToken.None)).ResponseText,
                Topic.Answers);
        }

        // Keys are forgotten after calls 2 and 4: three exchanges, but the public key was fetched only for the first.
        Assert.Equal((1, 3, 5), (Rotating.PublicKeyRequests, Rotating.KeyExchanges, Rotating.InferenceCount));
    }

    [Fact]
    public async Task A_refused_handshake_is_a_bounded_failure_and_the_plain_path_still_answers()
    {
        using var client = Client();

        var outcome = await client.InferViaFiberAsync(Rejecting.BaseUrl, MinerNetwork.Request(Topic.Prompt), CancellationToken.None);

        var failed = Assert.IsType<MinerOutcome.Failed>(outcome);
        Assert.Equal(MinerFailureKind.ConnectionFailed, failed.Kind);
        Assert.Contains("HTTP 400", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, Rejecting.InferenceCount);
        Answer(await client.InferAsync(Rejecting.BaseUrl, MinerNetwork.Request(Topic.Prompt), CancellationToken.None));
    }

    [Fact]
    public async Task The_plain_path_keeps_working_next_to_fiber_on_the_same_miner()
    {
        using var client = Client();

        var encrypted = Answer(await client.InferViaFiberAsync(Honest.BaseUrl, MinerNetwork.Request(Topic.Prompt), CancellationToken.None));
        var plain = Answer(await client.InferAsync(Honest.BaseUrl, MinerNetwork.Request(Topic.Prompt), CancellationToken.None));

        Assert.Equal(encrypted.ResponseText, plain.ResponseText);
        Assert.Equal(2, Honest.InferenceCount);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_with_400()
    {
        using var forger = Sr25519KeyPair.FromMiniSecret(RandomNumberGenerator.GetBytes(Sr25519.MiniSecretLength));
        var body = await ExchangeBodyAsync(Honest, Guid.NewGuid().ToString(), forger);

        using var response = await _http.PostAsJsonAsync(new Uri(Honest.BaseUrl, "fiber/key-exchange"), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Honest.KeyExchanges);
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused_with_400()
    {
        var nonce = Guid.NewGuid().ToString();
        var url = new Uri(Honest.BaseUrl, "fiber/key-exchange");

        using var first = await _http.PostAsJsonAsync(url, await ExchangeBodyAsync(Honest, nonce, _validator));
        using var replay = await _http.PostAsJsonAsync(url, await ExchangeBodyAsync(Honest, nonce, _validator));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("""{"success":true,"message":"Symmetric key exchanged"}""", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(1, Honest.KeyExchanges);
    }

    [Fact]
    public async Task A_challenge_under_an_unknown_key_gets_401_with_the_public_key_and_one_without_headers_422()
    {
        var url = new Uri(Honest.BaseUrl, "fiber/challenge");
        using var unknown = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(FernetKey.Generate().Encrypt("{}"u8, TimeProvider.System)) };
        unknown.Headers.Add(SimulatedMiner.FiberHotkeyHeader, ValidatorSs58);
        unknown.Headers.Add(SimulatedMiner.FiberKeyUuidHeader, Guid.NewGuid().ToString());

        using var unauthorized = await _http.SendAsync(unknown);
        using var missing = await _http.PostAsync(url, new StringContent("x"));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        var body = JsonNode.Parse(await unauthorized.Content.ReadAsStringAsync())!;
        Assert.Equal(Honest.PublicKeyPem, (string?)body["public_key"]);
        Assert.True((bool?)body["requires_handshake"]);
        Assert.Equal((HttpStatusCode)422, missing.StatusCode);
    }

    /// <summary>A miner-flavour key exchange for <paramref name="miner"/>, claiming our hotkey, signed by <paramref name="signer"/>.</summary>
    private async Task<JsonObject> ExchangeBodyAsync(SimulatedMiner miner, string nonce, Sr25519KeyPair signer)
    {
        var pem = (string)JsonNode.Parse(await _http.GetStringAsync(new Uri(miner.BaseUrl, "fiber/public-key")))!["public_key"]!;
        using var rsa = FiberRsa.ImportPublicKeyPem(pem);
        var timestamp = PythonFloat.Format(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 + 0.000123);
        var signature = signer.Sign(Encoding.UTF8.GetBytes($"{timestamp}.{nonce}.{ValidatorSs58}"));
        return new JsonObject
        {
            ["encrypted_symmetric_key"] = Convert.ToHexStringLower(FiberRsa.EncryptKey(rsa, FernetKey.Generate())),
            ["symmetric_key_uuid"] = Guid.NewGuid().ToString(),
            ["timestamp"] = JsonValue.Create(double.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)),
            ["nonce"] = nonce,
            ["signature"] = "0x" + Convert.ToHexStringLower(signature),
            ["validator_hotkey_ss58"] = ValidatorSs58,
        };
    }
}
