using System.Collections.Concurrent;
using Loosh.Devnet.Llm;
using Loosh.Evaluation.Recording;
using Microsoft.Extensions.Logging;

namespace Loosh.Evaluation.Tests.Recording;

/// <summary>NarrativeGenerator against the devnet's simulated chat-completions endpoint, over loopback HTTP.</summary>
public sealed class NarrativeGeneratorTests : IAsyncLifetime, IDisposable
{
    private const string Key = "sk-test-secret-0123456789";
    private const string Narrative = "Both miners agreed; the outlier rambled.";

    private static readonly NarrativeInput Input = new(
        "Explain why the sky is blue.",
        [new LabelledAnswer("17", "Rayleigh scattering favours short wavelengths."), new LabelledAnswer("42", "Blue light scatters more.")],
        [new LabelledAnswer("99", "Because of the ocean.")],
        0.91234,
        0.85,
        null,
        ConsensusAchieved: true,
        HeatmapPath: "heatmaps/heatmap_c-1_20250314_150926.png");

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ListLogger _log = new();
    private SimulatedChatCompletions _llm = null!;

    public async Task InitializeAsync() => _llm = await SimulatedChatCompletions.StartAsync(new ChatCompletionsBehaviour.Answer(Narrative));

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private NarrativeOptions Options() => new()
    {
        Enabled = true,
        Url = _llm.Url,
        Model = "test-model",
        ApiKey = Key,
        Timeout = TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
    };

    private NarrativeGenerator Generator(NarrativeOptions? options = null) => new(_http, options ?? Options(), _log);

    [Fact]
    public async Task Success_returns_the_content()
    {
        Assert.Equal(Narrative, await Generator().GenerateAsync(Input));
        Assert.Single(_llm.Received);
    }

    [Fact]
    public async Task Request_carries_model_sampling_messages_and_the_bearer_key()
    {
        await Generator().GenerateAsync(Input);

        var request = Assert.Single(_llm.Received);
        Assert.Equal($"Bearer {Key}", request.Authorization);
        Assert.Equal("test-model", request.Body.GetProperty("model").GetString());
        Assert.Equal(0.7, request.Body.GetProperty("temperature").GetDouble());
        Assert.Equal(800, request.Body.GetProperty("max_tokens").GetInt32());
        var messages = request.Body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("You are a helpful assistant that writes analytical summaries.", messages[0].GetProperty("content").GetString());
        Assert.Equal(NarrativePrompt.UserMessage(Input), messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task No_key_no_authorization_header()
    {
        await Generator(Options() with { ApiKey = null }).GenerateAsync(Input);

        Assert.Equal("", Assert.Single(_llm.Received).Authorization);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_retryable_status_is_retried_then_succeeds(int status)
    {
        _llm.Behaviour = new ChatCompletionsBehaviour.FailFirst(1, status, new ChatCompletionsBehaviour.Answer(Narrative));

        Assert.Equal(Narrative, await Generator().GenerateAsync(Input));
        Assert.Equal(2, _llm.Received.Count);
    }

    [Fact]
    public async Task Three_attempts_then_null()
    {
        _llm.Behaviour = new ChatCompletionsBehaviour.FailFirst(10, 500, new ChatCompletionsBehaviour.Answer(Narrative));

        Assert.Null(await Generator().GenerateAsync(Input));
        Assert.Equal(3, _llm.Received.Count);
        Assert.Contains(_log.Messages, m => m.Contains("HTTP 500", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public async Task A_client_error_is_not_retried(int status)
    {
        _llm.Behaviour = new ChatCompletionsBehaviour.FailFirst(1, status, new ChatCompletionsBehaviour.Answer(Narrative));

        Assert.Null(await Generator().GenerateAsync(Input));
        Assert.Single(_llm.Received);
    }

    [Fact]
    public async Task A_provider_slower_than_the_timeout_gives_null_after_three_attempts()
    {
        _llm.Behaviour = new ChatCompletionsBehaviour.Slow(TimeSpan.FromMinutes(5), new ChatCompletionsBehaviour.Answer(Narrative));

        Assert.Null(await Generator(Options() with { Timeout = TimeSpan.FromMilliseconds(200) }).GenerateAsync(Input));
        Assert.Equal(3, _llm.Received.Count);
        Assert.Contains(_log.Messages, m => m.Contains("no answer within", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Garbage_gives_null_without_retrying()
    {
        _llm.Behaviour = new ChatCompletionsBehaviour.Garbage();

        Assert.Null(await Generator().GenerateAsync(Input));
        Assert.Single(_llm.Received);
        Assert.Contains(_log.Messages, m => m.Contains("not JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reply_over_the_size_limit_gives_null()
    {
        _llm.Behaviour = new ChatCompletionsBehaviour.Answer(new string('x', 10_000));

        Assert.Null(await Generator(Options() with { MaxResponseBytes = 4096 }).GenerateAsync(Input));
    }

    [Fact]
    public async Task The_url_is_called_as_given()
    {
        // The host alone (what the reference's stripping produces, §14.13) is not the completions endpoint.
        var bare = new Uri(_llm.Url.GetLeftPart(UriPartial.Authority) + "/chat/completions");

        Assert.Null(await Generator(Options() with { Url = bare }).GenerateAsync(Input));
        Assert.Empty(_llm.Received);
        Assert.Equal(Narrative, await Generator().GenerateAsync(Input));
    }

    [Fact]
    public async Task Nothing_listening_gives_null()
    {
        await _llm.DisposeAsync();

        Assert.Null(await Generator().GenerateAsync(Input));
    }

    [Fact]
    public async Task Disabled_makes_no_call()
    {
        Assert.Null(await Generator(Options() with { Enabled = false }).GenerateAsync(Input));
        Assert.Empty(_llm.Received);
    }

    [Fact]
    public async Task Enabled_without_a_model_makes_no_call_and_says_why()
    {
        Assert.Null(await Generator(Options() with { Model = " " }).GenerateAsync(Input));
        Assert.Empty(_llm.Received);
        Assert.Contains(_log.Messages, m => m.Contains("LLM_MODEL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Caller_cancellation_throws()
    {
        _llm.Behaviour = new ChatCompletionsBehaviour.Slow(TimeSpan.FromMinutes(5), new ChatCompletionsBehaviour.Answer(Narrative));
        using var cancel = new CancellationTokenSource();
        var call = Generator().GenerateAsync(Input, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task The_key_is_never_logged_or_printed()
    {
        _llm.Behaviour = new ChatCompletionsBehaviour.FailFirst(10, 500, new ChatCompletionsBehaviour.Answer(Narrative));
        var options = Options() with { Url = new UriBuilder(_llm.Url) { UserName = "user", Password = Key, Query = $"key={Key}" }.Uri };

        await Generator(options).GenerateAsync(Input);

        Assert.NotEmpty(_log.Messages);
        Assert.DoesNotContain(_log.Messages, m => m.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.org/v1/chat/completions", "m", 60)]
    [InlineData("https://example.org/v1/chat/completions", "", 60)]
    [InlineData("https://example.org/v1/chat/completions", "m", 0)]
    public void Validation_refuses_unusable_settings(string url, string model, int timeoutSeconds)
    {
        var options = new NarrativeOptions { Enabled = true, Url = new Uri(url), Model = model, Timeout = TimeSpan.FromSeconds(timeoutSeconds) };

        Assert.Throws<ArgumentException>(options.Validate);
        (options with { Enabled = false }).Validate();
    }

    [Fact]
    public void Disabled_by_default()
    {
        Assert.False(new NarrativeOptions().Enabled);
    }

    /// <summary>Keeps every formatted log message, for assertions on what was (and was not) logged.</summary>
    private sealed class ListLogger : ILogger<NarrativeGenerator>
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => [.. _messages];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception) + exception);
    }
}
