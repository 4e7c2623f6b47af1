using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Loosh.Protocols.Miners;

/// <summary>
/// Talks to miners over plain HTTP or the Fiber channel. Miners are untrusted and paid per token, so inference is
/// never retried; every call is bounded in time (timeout), memory (response-size cap) and fan-out (global slots),
/// a misbehaving endpoint is cut off by its own breaker, and every failure comes back as a <see cref="MinerOutcome"/>.
/// The injected <see cref="HttpClient"/> should have an infinite timeout: deadlines are applied here. Cancelling the
/// caller's token is the caller's decision, not a miner's fault, so it surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class MinerClient : IDisposable
{
    public const string InferencePath = "/inference";
    public const string FiberChallengePath = "/fiber/challenge";
    public const string AvailabilityPath = "/availability";
    public const string HotkeyHeader = "validator-hotkey";

    private const int MaxAvailabilityBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly MinerClientOptions _options;
    private readonly IEncryptedChannel? _fiber;
    private readonly SemaphoreSlim _slots;
    private readonly ResiliencePipelineRegistry<string> _breakers = new();
    private readonly ResiliencePipeline _availability;

    public MinerClient(HttpClient http, MinerClientOptions options, IEncryptedChannel? fiber = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        _fiber = fiber;
        _slots = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
        _availability = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 1,
                Delay = options.AvailabilityRetryDelay,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = args => ValueTask.FromResult(IsTransportFailure(args.Outcome.Exception)),
            })
            .AddTimeout(options.AvailabilityTimeout)
            .Build();
    }

    /// <summary>Inference calls currently holding a slot; exposed so the fan-out bound can be observed.</summary>
    public int InFlight => _options.MaxConcurrentRequests - _slots.CurrentCount;

    /// <summary>Plain-HTTP inference (v0, miner <c>POST /inference</c>).</summary>
    public Task<MinerOutcome> InferAsync(Uri miner, MinerRequest request, CancellationToken ct) =>
        DispatchAsync(miner, request, PostPlainAsync, ct);

    /// <summary>Inference over the encrypted Fiber channel (miner <c>POST /fiber/challenge</c>).</summary>
    public Task<MinerOutcome> InferViaFiberAsync(Uri miner, MinerRequest request, CancellationToken ct) =>
        _fiber is null
            ? throw new InvalidOperationException("This client was built without a Fiber channel.")
            : DispatchAsync(miner, request, SendFiberAsync, ct);

    /// <summary>Probes <c>GET /availability</c>, retrying once after a connection failure or timeout.</summary>
    public async Task<MinerAvailability> CheckAvailabilityAsync(Uri miner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(miner);
        try
        {
            return await _availability.ExecuteAsync(async token => await ProbeAsync(miner, token).ConfigureAwait(false), ct)
                .ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return new(false, "The availability probe timed out.", null);
        }
        catch (Exception e) when (IsTransportFailure(e))
        {
            return new(false, $"The miner could not be reached: {e.Message}", null);
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        _breakers.Dispose();
    }

    private async Task<MinerOutcome> DispatchAsync(
        Uri miner, MinerRequest request, Func<Uri, byte[], CancellationToken, Task<RawReply>> transport, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(miner);
        ArgumentNullException.ThrowIfNull(request);
        var json = MinerWire.Serialize(request);
        if (!await _slots.WaitAsync(_options.RequestTimeout, ct).ConfigureAwait(false))
        {
            return new MinerOutcome.Failed(MinerFailureKind.Overloaded, "No free slot for another miner call.", TimeSpan.Zero);
        }
        var clock = Stopwatch.StartNew();
        try
        {
            return await BreakerFor(miner).ExecuteAsync(
                async token => Classify(await transport(miner, json, token).ConfigureAwait(false), clock.Elapsed), ct)
                .ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return new MinerOutcome.TimedOut(clock.Elapsed);
        }
        catch (BrokenCircuitException e)
        {
            return new MinerOutcome.Failed(MinerFailureKind.BreakerOpen, "The miner's circuit breaker is open.", clock.Elapsed)
            {
                RetryAfter = e.RetryAfter,
            };
        }
        catch (Exception e) when (IsTransportFailure(e))
        {
            return new MinerOutcome.Failed(MinerFailureKind.ConnectionFailed, $"The miner could not be reached: {e.Message}", clock.Elapsed);
        }
        finally
        {
            _slots.Release();
        }
    }

    private ResiliencePipeline<MinerOutcome> BreakerFor(Uri miner) =>
        _breakers.GetOrAddPipeline<MinerOutcome>(miner.GetLeftPart(UriPartial.Authority), builder => builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<MinerOutcome>
            {
                // Ratio 1 over at least N calls: the breaker opens after N failures with no success in between.
                FailureRatio = 1.0,
                MinimumThroughput = _options.BreakerFailureThreshold,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is MinerOutcome.Failed
                    || args.Outcome.Exception is TimeoutRejectedException
                    || IsTransportFailure(args.Outcome.Exception)),
            })
            .AddTimeout(_options.RequestTimeout));

    private async Task<RawReply> PostPlainAsync(Uri miner, byte[] json, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(miner, InferencePath))
        {
            Content = new ByteArrayContent(json),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Add(HotkeyHeader, _options.ValidatorHotkey);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var body = response.IsSuccessStatusCode
            ? await BoundedBody.ReadAsync(response.Content, _options.MaxResponseBytes, ct).ConfigureAwait(false)
            : [];
        return new RawReply(response.StatusCode, body, RetryAfterOf(response.Headers.RetryAfter));
    }

    private async Task<RawReply> SendFiberAsync(Uri miner, byte[] json, CancellationToken ct)
    {
        var (status, body) = await _fiber!.SendAsync(miner, FiberChallengePath, json, ct).ConfigureAwait(false);
        return new RawReply(status, body.Length > _options.MaxResponseBytes ? null : body, null);
    }

    private async Task<MinerAvailability> ProbeAsync(Uri miner, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(miner, AvailabilityPath));
        message.Headers.Add(HotkeyHeader, _options.ValidatorHotkey);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var body = await BoundedBody.ReadAsync(response.Content, MaxAvailabilityBytes, ct).ConfigureAwait(false);
        return AvailabilityReply.Classify(response.StatusCode, body);
    }

    private static MinerOutcome Classify(RawReply reply, TimeSpan elapsed)
    {
        var status = (int)reply.Status;
        return reply switch
        {
            { Status: HttpStatusCode.TooManyRequests } => new MinerOutcome.Failed(
                MinerFailureKind.RateLimited, "The miner is rate-limiting us (HTTP 429).", elapsed)
            {
                HttpStatus = status,
                RetryAfter = reply.RetryAfter,
            },
            _ when status is < 200 or > 299 => new MinerOutcome.Failed(
                MinerFailureKind.HttpStatus, $"The miner answered HTTP {status}.", elapsed)
            {
                HttpStatus = status,
            },
            { Body: null } => new MinerOutcome.Failed(
                MinerFailureKind.Oversize, "The reply is larger than the response-size limit.", elapsed),
            _ => MinerWire.ReadReply(reply.Body, elapsed),
        };
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    private static bool IsTransportFailure(Exception? e) => e is HttpRequestException or IOException;

    private readonly record struct RawReply(HttpStatusCode Status, byte[]? Body, TimeSpan? RetryAfter);
}
