using Polly;
using Polly.Retry;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>
/// Sends one request to the Challenge API with a timeout and a response-size limit and turns every transport failure
/// into an <see cref="ApiResponse"/>, so callers decide on statuses and never catch exceptions for an outage.
/// Cancellation by the caller still throws.
/// </summary>
internal sealed class ChallengeApiTransport(HttpClient http, IEncryptedChannel channel, ChallengeApiOptions options)
{
    public Uri Url(string pathAndQuery) => new(options.BaseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery);

    public Task<ApiResponse> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken ct) =>
        WithTimeout(timeout, async token =>
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            var body = await BoundedBody.ReadAsync(response.Content, options.MaxResponseBytes, token);
            return body is null ? TooLarge() : new ApiResponse(response.StatusCode, body, null, false);
        }, ct);

    public Task<ApiResponse> SendEncryptedAsync(string path, byte[] json, TimeSpan timeout, CancellationToken ct) =>
        WithTimeout(timeout, async token =>
        {
            try
            {
                var (status, body) = await channel.SendAsync(options.BaseUrl, path, json, token);
                return body.Length > options.MaxResponseBytes ? TooLarge() : new ApiResponse(status, body, null, false);
            }
            catch (Exception e) when (e is not (OperationCanceledException or HttpRequestException))
            {
                // The encrypted channel fails in its own ways (handshake, key, decryption); each is a failed attempt.
                return ApiResponse.Failed($"encrypted channel: {e.GetType().Name}: {e.Message}");
            }
        }, ct);

    /// <summary>A retry pipeline that waits <paramref name="delays"/> in turn while <paramref name="retryOn"/> holds.</summary>
    public static ResiliencePipeline<ApiResponse> Retry(IReadOnlyList<TimeSpan> delays, Func<ApiResponse, bool> retryOn) =>
        delays.Count == 0
            ? ResiliencePipeline<ApiResponse>.Empty
            : new ResiliencePipelineBuilder<ApiResponse>().AddRetry(new RetryStrategyOptions<ApiResponse>
            {
                MaxRetryAttempts = delays.Count,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } response && retryOn(response)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(delays[Math.Min(args.AttemptNumber, delays.Count - 1)]),
            }).Build();

    private ApiResponse TooLarge() => ApiResponse.Failed($"the response is larger than {options.MaxResponseBytes} bytes");

    private static async Task<ApiResponse> WithTimeout(TimeSpan timeout, Func<CancellationToken, Task<ApiResponse>> call, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            return await call(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ApiResponse.Failed($"no answer within {timeout.TotalSeconds} s", timedOut: true);
        }
        catch (HttpRequestException e)
        {
            return ApiResponse.Failed($"{e.HttpRequestError}: {e.Message}");
        }
    }
}
