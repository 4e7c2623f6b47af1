using Loosh.Protocols.ChallengeApi;

namespace Loosh.Grains.Delivery;

/// <summary>
/// The kinds of outbox message and how each is sent. A message's payload is the request body in the Challenge API's
/// wire form (<see cref="ChallengeApiClient.ToWireJson"/>), so a retry sends exactly what was first produced.
/// </summary>
public static class OutboxKinds
{
    /// <summary>A challenge's answers and evaluation (<c>/fiber/response/batch</c>, plaintext fallback); key <see cref="ResultOf"/>.</summary>
    public const string ChallengeBatch = "challenge-batch";

    /// <summary>TEST_MODE's single answer <c>{"id","text","original_request"}</c> to the v0 <c>POST /response</c>; key <see cref="ResultOf"/>.</summary>
    public const string TestResponse = "test-response";

    /// <summary>TEST_MODE's single answer to the encrypted <c>/fiber/callback</c> (push mode); key <see cref="ResultOf"/>.</summary>
    public const string TestCallback = "test-callback";

    private const string ResultPrefix = "result:";

    /// <summary>The idempotency key of a challenge's result message: one per challenge, whatever its kind.</summary>
    public static string ResultOf(string challengeId) => ResultPrefix + challengeId;

    /// <summary>The challenge a result message belongs to, or null for other messages.</summary>
    public static string? ChallengeOf(string messageId) =>
        messageId.StartsWith(ResultPrefix, StringComparison.Ordinal) ? messageId[ResultPrefix.Length..] : null;

    /// <summary><c>{"records": [...]}</c> for <c>/analytics/sybil-detection/bulk</c>; key <c>sybil:{challenge id}</c>.</summary>
    public const string SybilDetections = "sybil-detections";

    /// <summary>A <c>MinerNetworkReport</c> for <c>/analytics/miner-network/bulk</c>.</summary>
    public const string MinerNetwork = "miner-network";

    /// <summary>A <c>PenaltyReport</c> for <c>/analytics/penalty-report</c>.</summary>
    public const string PenaltyReport = "penalty-report";

    /// <summary>Sends one message's payload by its kind.</summary>
    /// <exception cref="ArgumentException">The kind is not one of these; such a row can never be delivered.</exception>
    public static Task<DeliveryOutcome> SendAsync(ChallengeApiClient api, string kind, byte[] payload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        return kind switch
        {
            ChallengeBatch => api.SubmitBatchAsync(payload, ct),
            TestResponse => api.PostResponseAsync(payload, ct),
            TestCallback => api.PostCallbackAsync(payload, ct),
            SybilDetections => api.PostReportAsync(AnalyticsReport.SybilDetections, payload, ct),
            MinerNetwork => api.PostReportAsync(AnalyticsReport.MinerNetwork, payload, ct),
            PenaltyReport => api.PostReportAsync(AnalyticsReport.Penalties, payload, ct),
            _ => throw new ArgumentException($"Outbox message kind '{kind}' has no sender.", nameof(kind)),
        };
    }
}
