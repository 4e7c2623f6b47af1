using Npgsql;
using NpgsqlTypes;

namespace Loosh.Storage;

/// <summary>
/// The durable outbox (Migrations/0003_outbox_and_sybil_reports.sql): messages the validator must deliver to the
/// Challenge API, kept until acknowledged. Delivery is at-least-once towards the API and exactly-once in effect,
/// because every message carries an idempotency key the API deduplicates on (a repeated batch answers 409).
/// </summary>
public sealed class Outbox(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stores a message for delivery. Returns false when a message with that id is already stored (delivered or not):
    /// the first payload wins, so re-running the step that produced it cannot change what is sent.
    /// </summary>
    public async Task<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO outbox (message_id, kind, payload) VALUES ($1, $2, $3)
            ON CONFLICT (message_id) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = message.MessageId });
        command.Parameters.Add(new() { Value = message.Kind });
        command.Parameters.Add(new() { Value = message.PayloadJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> undelivered messages that are due (oldest first) for
    /// <paramref name="lease"/>; no other sender gets them until the lease runs out or they are settled.
    /// With <paramref name="messageId"/> only that message is considered (a producer delivering right away).
    /// </summary>
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(int limit, TimeSpan lease, string? messageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = dataSource.CreateCommand("""
            UPDATE outbox o
            SET claimed_until = now() + $2, attempts = o.attempts + 1
            FROM (
                SELECT message_id FROM outbox
                WHERE delivered_at IS NULL AND next_attempt_at <= now()
                  AND (claimed_until IS NULL OR claimed_until < now())
                  AND ($3::text IS NULL OR message_id = $3)
                ORDER BY next_attempt_at, message_id
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            ) due
            WHERE o.message_id = due.message_id
            RETURNING o.message_id, o.kind, o.payload::text, o.attempts, o.created_at
            """);
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = lease });
        command.Parameters.Add(new() { Value = (object?)messageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var claimed = new List<ClaimedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(new ClaimedMessage(
                new OutboxMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
                reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }
        claimed.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return claimed;
    }

    /// <summary>Records the API's acknowledgement; the message is never sent again.</summary>
    public async Task MarkDeliveredAsync(string messageId, int httpStatus, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE outbox SET delivered_at = now(), delivery_status = $2, claimed_until = NULL, last_error = NULL
            WHERE message_id = $1 AND delivered_at IS NULL
            """);
        command.Parameters.Add(new() { Value = messageId });
        command.Parameters.Add(new() { Value = httpStatus });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases a claimed message after a failed attempt, to be tried again after <paramref name="retryAfter"/>.</summary>
    public async Task MarkFailedAsync(string messageId, string error, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE outbox SET claimed_until = NULL, last_error = $2, next_attempt_at = now() + $3
            WHERE message_id = $1 AND delivered_at IS NULL
            """);
        command.Parameters.Add(new() { Value = messageId });
        command.Parameters.Add(new() { Value = error });
        command.Parameters.Add(new() { Value = retryAfter });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The state of one message, or null when there is none with that id.</summary>
    public async Task<OutboxStatus?> GetStatusAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT attempts, delivered_at, delivery_status, last_error FROM outbox WHERE message_id = $1");
        command.Parameters.Add(new() { Value = messageId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new OutboxStatus(
            reader.GetInt32(0),
            reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    /// <summary>Number of messages not yet delivered (health and /stats).</summary>
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outbox WHERE delivered_at IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Deletes delivered messages acknowledged before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> PruneDeliveredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM outbox WHERE delivered_at < $1");
        command.Parameters.Add(new() { Value = cutoff });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A message to deliver. <paramref name="MessageId"/> is its idempotency key (e.g. <c>batch:{challenge id}</c>).</summary>
public sealed record OutboxMessage(string MessageId, string Kind, string PayloadJson);

/// <summary>A message claimed for one delivery attempt; <paramref name="Attempt"/> counts from 1.</summary>
public sealed record ClaimedMessage(OutboxMessage Message, int Attempt, DateTimeOffset CreatedAt);

/// <summary>Delivery state of one message.</summary>
public sealed record OutboxStatus(int Attempts, DateTimeOffset? DeliveredAt, int? DeliveryStatus, string? LastError)
{
    public bool IsDelivered => DeliveredAt is not null;
}
