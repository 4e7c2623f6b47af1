using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Loosh.Protocols.Miners;
using Microsoft.AspNetCore.Http;

namespace Loosh.Devnet;

/// <summary>
/// One simulated miner speaking the plain-HTTP miner protocol (protocols.md §2.1, §2.6). It records what it was
/// sent, so tests can check what the validator put on the wire (for instance, its own hotkey).
/// </summary>
public sealed class SimulatedMiner(int index, MinerBehaviour behaviour, Uri baseUrl)
{
    private static readonly byte[] OversizeChunk = Encoding.UTF8.GetBytes(new string('a', 64 * 1024));

    private int _inferenceCount;

    public int Index => index;

    public MinerBehaviour Behaviour => behaviour;

    public Uri BaseUrl => baseUrl;

    /// <summary>The <c>validator-hotkey</c> header of the latest inference request.</summary>
    public string? LastValidatorHotkey { get; private set; }

    public int InferenceCount => Volatile.Read(ref _inferenceCount);

    internal Task AvailabilityAsync(HttpContext context) => behaviour switch
    {
        MinerBehaviour.HttpError error => WriteJsonAsync(context, error.Status, new { available = false, error = "Simulated failure" }),
        MinerBehaviour.Initializing => WriteJsonAsync(context, 200, new { available = false, reason = "Miner initializing" }),
        _ => WriteJsonAsync(context, 200, new { available = true }),
    };

    internal async Task InferenceAsync(HttpContext context)
    {
        Interlocked.Increment(ref _inferenceCount);
        var clock = Stopwatch.StartNew();
        var hotkey = context.Request.Headers[MinerClient.HotkeyHeader].ToString();
        if (hotkey.Length == 0)
        {
            await WriteJsonAsync(context, 422, new { detail = "validator-hotkey header is required" });
            return;
        }
        LastValidatorHotkey = hotkey;
        var request = await ReadRequestAsync(context);
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

    private static async Task<MinerRequest?> ReadRequestAsync(HttpContext context)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<MinerRequest>(context.Request.Body, MinerWire.Options, context.RequestAborted);
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
        var reply = new MinerReply(
            text,
            clock.Elapsed.TotalMilliseconds,
            FinishReason: "stop",
            Usage: new MinerUsage(promptTokens, completionTokens, promptTokens + completionTokens),
            CorrelationId: request.CorrelationId);
        return WriteJsonAsync(context, 200, reply);
    }

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
