using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Loosh.Evaluation.Recording;

/// <summary>
/// Writes the optional evaluation narrative (evaluation.md §8.3) through any OpenAI-compatible chat-completions
/// endpoint, called at the configured URL exactly (not the reference's host-only base URL, §14.13). The narrative is
/// decoration: every failure (bad settings, timeouts, HTTP errors, unreadable replies) is logged and gives null, so
/// an evaluation never fails because of it. Only cancellation by the caller throws.
/// </summary>
/// <remarks>Takes its <see cref="HttpClient"/> from the caller (e.g. IHttpClientFactory); its own timeout is per attempt.</remarks>
public sealed class NarrativeGenerator
{
    /// <summary>NARRATIVE_LLM_TEMPERATURE.</summary>
    public const double Temperature = 0.7;

    /// <summary>NARRATIVE_LLM_MAX_TOKENS.</summary>
    public const int MaxTokens = 800;

    /// <summary>Attempts in all: the first and two retries.</summary>
    public const int Attempts = 3;

    private const int CopyBufferBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly HttpClient _http;
    private readonly NarrativeOptions _options;
    private readonly ILogger<NarrativeGenerator> _logger;
    private readonly ResiliencePipeline<Attempt> _retry;
    private readonly string? _settingsProblem;

    public NarrativeGenerator(HttpClient http, NarrativeOptions options, ILogger<NarrativeGenerator> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options;
        _logger = logger;
        // Bad settings disable the narrative instead of failing start-up: it is optional and off by default.
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            _settingsProblem = e.Message;
        }
        _retry = new ResiliencePipelineBuilder<Attempt>().AddRetry(new RetryStrategyOptions<Attempt>
        {
            MaxRetryAttempts = Attempts - 1,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Retryable: true }),
            // 1 s · 2^attempt, without jitter: the reference's schedule.
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(options.RetryBaseDelay * Math.Pow(2, args.AttemptNumber)),
        }).Build();
    }

    /// <summary>The narrative, or null when disabled, misconfigured or the provider failed (logged).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<string?> GenerateAsync(NarrativeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!_options.Enabled)
        {
            return null;
        }
        if (_settingsProblem is not null)
        {
            _logger.LogWarning("Narrative skipped: {Problem}", _settingsProblem);
            return null;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(new ChatRequest(_options.Model,
            [new ChatMessage("system", NarrativePrompt.SystemMessage), new ChatMessage("user", NarrativePrompt.UserMessage(input))],
            Temperature, MaxTokens), Json);
        var outcome = await _retry.ExecuteAsync(async token => await AttemptAsync(body, token), ct);
        if (outcome.Content is null)
        {
            // The host only: a URL may carry a key in its query, and the key itself is never logged.
            _logger.LogWarning("Narrative from {Host} failed: {Failure}", _options.Url.Host, outcome.Failure);
        }
        return outcome.Content;
    }

    private async Task<Attempt> AttemptAsync(byte[] body, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (!string.IsNullOrEmpty(_options.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            }
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                return Attempt.Failed($"HTTP {status}", retryable: response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500);
            }
            return await ReadLimitedAsync(response.Content, limit.Token) is { } reply
                ? Parse(reply)
                : Attempt.Failed($"the reply is larger than {_options.MaxResponseBytes} bytes", retryable: false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Attempt.Failed($"no answer within {_options.Timeout.TotalSeconds} s", retryable: true);
        }
        catch (HttpRequestException e)
        {
            return Attempt.Failed($"{e.HttpRequestError}: {e.Message}", retryable: true);
        }
    }

    /// <summary><c>choices[0].message.content</c>; a reply without it will not improve on a retry.</summary>
    private static Attempt Parse(byte[] reply)
    {
        try
        {
            using var document = JsonDocument.Parse(reply);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array
                && choices.GetArrayLength() > 0 && choices[0].ValueKind == JsonValueKind.Object
                && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                && content.GetString()!.Trim() is { Length: > 0 } text)
            {
                return new Attempt(text, null, false);
            }
            return Attempt.Failed("the reply has no message content", retryable: false);
        }
        catch (JsonException)
        {
            return Attempt.Failed("the reply is not JSON", retryable: false);
        }
    }

    private async Task<byte[]?> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            return null;
        }
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[CopyBufferBytes];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The outcome of one call: the narrative, or why there is none and whether trying again may help.</summary>
    private sealed record Attempt(string? Content, string? Failure, bool Retryable)
    {
        public static Attempt Failed(string failure, bool retryable) => new(null, failure, retryable);
    }

    private sealed record ChatMessage(string Role, string Content);

    private sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, double Temperature, int MaxTokens);
}
