using System.Text;
using Loosh.Protocols.ChallengeApi;
using Loosh.Storage;

namespace Loosh.Grains.Delivery;

/// <summary>
/// Delivers outbox messages to the Challenge API: claims due rows for a lease, sends each, and records the
/// acknowledgement (HTTP 409 counts: the API already holds it) or schedules a retry with exponential backoff. Any silo
/// may run it at any time; the lease keeps two silos from sending one row at once.
/// </summary>
public sealed partial class OutboxDelivery(Storage.Outbox outbox, ChallengeApiClient api, IGrainFactory grains, ILogger<OutboxDelivery> logger)
{
    /// <summary>
    /// How long a claimed row is reserved. It covers the longest send: four encrypted batch attempts with their
    /// 30 s timeouts and 2/4/8 s waits, then the plaintext attempt (about 2.7 minutes).
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>First retry delay; doubled per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between attempts, so a message is retried at least this often during an outage.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>Sends up to <paramref name="limit"/> due messages (or only <paramref name="messageId"/>); returns how many were acknowledged.</summary>
    public async Task<int> DeliverDueAsync(int limit, string? messageId = null, CancellationToken ct = default)
    {
        var acknowledged = 0;
        foreach (var claimed in await outbox.ClaimDueAsync(limit, Lease, messageId, ct).ConfigureAwait(false))
        {
            if (await DeliverAsync(claimed, ct).ConfigureAwait(false))
            {
                acknowledged++;
            }
        }
        return acknowledged;
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: 5 s, 10 s, 20 s … capped at 10 minutes.</summary>
    public static TimeSpan RetryDelay(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 16);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    private async Task<bool> DeliverAsync(ClaimedMessage claimed, CancellationToken ct)
    {
        var message = claimed.Message;
        DeliveryOutcome outcome;
        try
        {
            outcome = await OutboxKinds.SendAsync(api, message.Kind, Encoding.UTF8.GetBytes(message.PayloadJson), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or HttpRequestException or InvalidOperationException)
        {
            outcome = new DeliveryOutcome(DeliveryStatus.Failed, "none", null, e.Message);
        }

        if (outcome.IsDelivered)
        {
            // Recorded with a token that is not the caller's: the API has the message, and forgetting that because
            // the caller gave up would send it again.
            await outbox.MarkDeliveredAsync(message.MessageId, (int?)outcome.StatusCode ?? 0, CancellationToken.None).ConfigureAwait(false);
            LogDelivered(logger, message.Kind, message.MessageId, claimed.Attempt, outcome.Status);
            if (OutboxKinds.ChallengeOf(message.MessageId) is { } challengeId)
            {
                // The challenge waits in Evaluated for this acknowledgement; its resume reminder would also notice.
                _ = grains.GetGrain<IChallengeGrain>(challengeId).ProcessAsync();
            }
            return true;
        }
        var retryAfter = RetryDelay(claimed.Attempt);
        await outbox.MarkFailedAsync(message.MessageId, outcome.Reason ?? "failed", retryAfter, CancellationToken.None).ConfigureAwait(false);
        LogFailed(logger, message.Kind, message.MessageId, claimed.Attempt, outcome.Reason, retryAfter);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Kind} {MessageId} on attempt {Attempt} ({Status})")]
    private static partial void LogDelivered(ILogger logger, string kind, string messageId, int attempt, DeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver {Kind} {MessageId} (attempt {Attempt}): {Reason}; retrying in {RetryAfter}")]
    private static partial void LogFailed(ILogger logger, string kind, string messageId, int attempt, string? reason, TimeSpan retryAfter);
}
