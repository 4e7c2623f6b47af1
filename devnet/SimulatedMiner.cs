using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Loosh.Chain.Crypto;
using Loosh.Protocols.Fiber;
using Loosh.Protocols.Miners;
using Microsoft.AspNetCore.Http;

namespace Loosh.Devnet;

/// <summary>
/// One simulated miner speaking the miner protocol of protocols.md §2.6: plain HTTP and Fiber, with the same behaviour
/// behind both. It records what it was sent, so tests can check what the validator put on the wire (for instance,
/// its own hotkey) and how often it handshook.
/// </summary>
public sealed class SimulatedMiner(int index, MinerBehaviour behaviour, Uri baseUrl) : IDisposable
{
    public const string FiberHotkeyHeader = "x-fiber-validator-hotkey-ss58";
    public const string FiberKeyUuidHeader = "x-fiber-symmetric-key-uuid";
    public const string FiberMinerHotkeyHeader = "x-fiber-miner-hotkey-ss58";

    private static readonly byte[] OversizeChunk = Encoding.UTF8.GetBytes(new string('a', 64 * 1024));

    // RSA-2048 generation takes tens of milliseconds, so it waits for the first Fiber request: plain-only devnets start fast.
    private readonly Lazy<MinerFiberKeys> _fiberKeys = new(() => new MinerFiberKeys(TimeProvider.System));
    private int _inferenceCount;
    private int _publicKeyRequests;
    private int _keyExchanges;
    private int _fiberChallenges;

    public int Index => index;

    public MinerBehaviour Behaviour => behaviour;

    public Uri BaseUrl => baseUrl;

    /// <summary>The <c>validator-hotkey</c> header of the latest inference request.</summary>
    public string? LastValidatorHotkey { get; private set; }

    /// <summary>Requests that reached the behaviour, over plain HTTP or Fiber.</summary>
    public int InferenceCount => Volatile.Read(ref _inferenceCount);

    public int PublicKeyRequests => Volatile.Read(ref _publicKeyRequests);

    /// <summary>Key exchanges this miner accepted.</summary>
    public int KeyExchanges => Volatile.Read(ref _keyExchanges);

    /// <summary>The miner's SS58 hotkey, derived from its index so every miner has a distinct, stable one.</summary>
    public string Hotkey { get; } = Ss58.Encode(SHA256.HashData(BitConverter.GetBytes(index)));

    public string PublicKeyPem => _fiberKeys.Value.PublicKeyPem;

    internal Task AvailabilityAsync(HttpContext context) => behaviour switch
    {
        MinerBehaviour.HttpError error => WriteJsonAsync(context, error.Status, new { available = false, error = "Simulated failure" }),
        MinerBehaviour.Initializing => WriteJsonAsync(context, 200, new { available = false, reason = "Miner initializing" }),
        _ => WriteJsonAsync(context, 200, new { available = true }),
    };

    internal async Task InferenceAsync(HttpContext context)
    {
        var hotkey = context.Request.Headers[MinerClient.HotkeyHeader].ToString();
        if (hotkey.Length == 0)
        {
            await WriteJsonAsync(context, 422, new { detail = "validator-hotkey header is required" });
            return;
        }
        LastValidatorHotkey = hotkey;
        await AnswerAsync(context, context.Request.Body);
    }

    internal Task FiberPublicKeyAsync(HttpContext context)
    {
        Interlocked.Increment(ref _publicKeyRequests);
        return WriteJsonAsync(context, 200, new { public_key = _fiberKeys.Value.PublicKeyPem });
    }

    internal async Task FiberKeyExchangeAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var parsed = MinerKeyExchange.Parse(body.ToArray());
        if (parsed.Value is not { } exchange)
        {
            await WriteJsonAsync(context, 422, new { detail = parsed.MalformedReason ?? "Invalid key exchange body" });
            return;
        }
        var refusal = behaviour is MinerBehaviour.RejectHandshake ? "Key exchange refused" : _fiberKeys.Value.Exchange(exchange);
        if (refusal is not null)
        {
            await WriteJsonAsync(context, 400, new { detail = refusal });
            return;
        }
        Interlocked.Increment(ref _keyExchanges);
        await WriteJsonAsync(context, 200, new { success = true, message = "Symmetric key exchanged" });
    }

    /// <summary>
    /// Decrypts the challenge, runs the same behaviour as <c>/inference</c> into a buffer and encrypts a 2xx reply
    /// under the same key; error replies go out in the clear, as the real miner's do.
    /// </summary>
    internal async Task FiberChallengeAsync(HttpContext context)
    {
        var hotkey = context.Request.Headers[FiberHotkeyHeader].ToString();
        var keyUuid = context.Request.Headers[FiberKeyUuidHeader].ToString();
        if (hotkey.Length == 0 || keyUuid.Length == 0)
        {
            await WriteJsonAsync(context, 422, new { detail = $"{FiberHotkeyHeader} and {FiberKeyUuidHeader} headers are required" });
            return;
        }
        using var reader = new StreamReader(context.Request.Body, Encoding.ASCII);
        var token = await reader.ReadToEndAsync(context.RequestAborted);
        if (_fiberKeys.Value.Find(hotkey, keyUuid) is not { } key || DecryptOrNull(key, token) is not { } plaintext)
        {
            await WriteJsonAsync(context, 401, new
            {
                detail = "Symmetric key not found or expired; perform a new handshake",
                public_key = _fiberKeys.Value.PublicKeyPem,
                requires_handshake = true,
            });
            return;
        }
        LastValidatorHotkey = hotkey;
        var wire = context.Response.Body;
        using var request = new MemoryStream(plaintext);
        using var reply = new MemoryStream();
        context.Response.Body = reply;
        try
        {
            await AnswerAsync(context, request);
        }
        finally
        {
            context.Response.Body = wire;
            ForgetKeysIfRotating();
        }
        if (context.Response.StatusCode is >= 200 and < 300)
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.Headers[FiberKeyUuidHeader] = keyUuid;
            context.Response.Headers[FiberMinerHotkeyHeader] = Hotkey;
            await context.Response.WriteAsync(key.Encrypt(reply.GetBuffer().AsSpan(0, (int)reply.Length), TimeProvider.System), context.RequestAborted);
            return;
        }
        reply.Position = 0;
        await reply.CopyToAsync(wire, context.RequestAborted);
    }

    public void Dispose()
    {
        if (_fiberKeys.IsValueCreated)
        {
            _fiberKeys.Value.Dispose();
        }
    }

    private static byte[]? DecryptOrNull(FernetKey key, string token)
    {
        try
        {
            return key.Decrypt(token, MinerFiberKeys.KeyTtl, TimeProvider.System);
        }
        catch (InvalidFernetTokenException)
        {
            return null;
        }
    }

    private void ForgetKeysIfRotating()
    {
        var served = Interlocked.Increment(ref _fiberChallenges);
        if (behaviour is MinerBehaviour.KeyRotation rotation && served % Math.Max(1, rotation.After) == 0)
        {
            _fiberKeys.Value.ForgetAll();
        }
    }

    private async Task AnswerAsync(HttpContext context, Stream requestBody)
    {
        Interlocked.Increment(ref _inferenceCount);
        var clock = Stopwatch.StartNew();
        var request = await ReadRequestAsync(requestBody, context.RequestAborted);
        var prompt = request is null ? null : PromptOf(request);
        if (prompt is null)
        {
            await WriteJsonAsync(context, 400, new { detail = "Either prompt or messages is required" });
            return;
        }
        await RespondAsync(context, request!, prompt, clock);
    }

    private async Task RespondAsync(HttpContext context, MinerRequest request, string prompt, Stopwatch clock)
    {
        var corpus = MinerCorpus.Shared;
        var aborted = context.RequestAborted;
        switch (behaviour)
        {
            case MinerBehaviour.Slow slow:
                await Task.Delay(slow.Delay, aborted);
                await WriteReplyAsync(context, request, prompt, corpus.Answer(prompt, index), clock);
                break;
            case MinerBehaviour.CopyCat copy:
                await WriteReplyAsync(context, request, prompt, corpus.Answer(prompt, copy.Of), clock);
                break;
            case MinerBehaviour.Garbage:
                await WriteReplyAsync(context, request, prompt, corpus.Garbage(index), clock);
                break;
            case MinerBehaviour.Empty:
                await WriteReplyAsync(context, request, prompt, "", clock);
                break;
            case MinerBehaviour.Timeout:
                await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, aborted);
                break;
            case MinerBehaviour.HttpError error:
                await WriteJsonAsync(context, error.Status, new { detail = "Simulated failure" });
                break;
            case MinerBehaviour.Initializing:
                await WriteJsonAsync(context, 503, new { detail = "Backend not ready" });
                break;
            case MinerBehaviour.RateLimited limited:
                context.Response.Headers.RetryAfter =
                    ((int)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await WriteJsonAsync(context, 429, new { detail = "Rate limit exceeded" });
                break;
            case MinerBehaviour.Oversize oversize:
                await StreamOversizeAsync(context, oversize.Bytes);
                break;
            case MinerBehaviour.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"response_text\": \"unterminated", aborted);
                break;
            default:
                await WriteReplyAsync(context, request, prompt, corpus.Answer(prompt, index), clock);
                break;
        }
    }

    private static async Task<MinerRequest?> ReadRequestAsync(Stream body, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<MinerRequest>(body, MinerWire.Options, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? PromptOf(MinerRequest request) =>
        request.Messages is { Count: > 0 } messages
            ? string.Join('\n', messages.Select(m => m.Content))
            : string.IsNullOrEmpty(request.Prompt) ? null : request.Prompt;

    private static Task WriteReplyAsync(HttpContext context, MinerRequest request, string prompt, string text, Stopwatch clock)
    {
        var promptTokens = CountWords(prompt);
        var completionTokens = CountWords(text);
        var toolCalls = ToolCallsFor(request);
        var reply = new MinerReply(
            text,
            clock.Elapsed.TotalMilliseconds,
            toolCalls,
            FinishReason: toolCalls is null ? "stop" : "tool_calls",
            Usage: new MinerUsage(promptTokens, completionTokens, promptTokens + completionTokens),
            CorrelationId: request.CorrelationId);
        return WriteJsonAsync(context, 200, reply);
    }

    /// <summary>When the request offers tools, the model "calls" the first one, as a backend that wants a tool would.</summary>
    private static IReadOnlyList<MinerToolCall>? ToolCallsFor(MinerRequest request) =>
        request.Tools is { ValueKind: JsonValueKind.Array } tools && tools.GetArrayLength() > 0
        && tools[0].TryGetProperty("function", out var function) && function.TryGetProperty("name", out var name)
        && name.ValueKind == JsonValueKind.String
            ? [new MinerToolCall("call_1", "function", new MinerToolFunction(name.GetString(), "{}"))]
            : null;

    private static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static async Task StreamOversizeAsync(HttpContext context, long bytes)
    {
        context.Response.ContentType = "application/json";
        var body = context.Response.Body;
        await body.WriteAsync("{\"response_text\":\""u8.ToArray(), context.RequestAborted);
        for (long written = 0; written < bytes; written += OversizeChunk.Length)
        {
            await body.WriteAsync(OversizeChunk, context.RequestAborted);
        }
        await body.WriteAsync("\"}"u8.ToArray(), context.RequestAborted);
    }

    private static Task WriteJsonAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, MinerWire.Options, context.RequestAborted);
    }
}
