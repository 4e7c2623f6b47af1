using Npgsql;
using NpgsqlTypes;

namespace Loosh.Storage;

/// <summary>
/// Reads and writes the validator's ledger tables (see Migrations/0002_ledger.sql). Every method is one
/// short statement; callers own retries.
/// </summary>
public sealed partial class ValidatorLedger(NpgsqlDataSource dataSource)
{
    /// <summary>Records a newly accepted challenge. Returns false when a challenge with that id is already recorded.</summary>
    public async Task<bool> RecordChallengeAsync(ChallengeEntry challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO challenges (challenge_id, correlation_id, source, status, model, payload, received_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
            ON CONFLICT (challenge_id) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = challenge.ChallengeId });
        command.Parameters.Add(new() { Value = (object?)challenge.CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = challenge.Source });
        command.Parameters.Add(new() { Value = challenge.Status });
        command.Parameters.Add(new() { Value = (object?)challenge.Model ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = challenge.PayloadJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = challenge.ReceivedAt });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Moves a recorded challenge to a new status.</summary>
    public async Task SetChallengeStatusAsync(string challengeId, string status, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE challenges SET status = $2, updated_at = now() WHERE challenge_id = $1");
        command.Parameters.Add(new() { Value = challengeId });
        command.Parameters.Add(new() { Value = status });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or refreshes a miner row from what the validator currently knows of it.</summary>
    public async Task UpsertMinerAsync(MinerEntry miner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(miner);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO miners (hotkey, uid, coldkey, ip, port, stake_tao, is_available, last_probe_at, last_success_at, last_error)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (hotkey) DO UPDATE
            SET uid = excluded.uid, coldkey = excluded.coldkey, ip = excluded.ip, port = excluded.port,
                stake_tao = excluded.stake_tao, is_available = excluded.is_available,
                last_probe_at = excluded.last_probe_at, last_success_at = excluded.last_success_at,
                last_error = excluded.last_error, updated_at = now()
            """);
        command.Parameters.Add(new() { Value = miner.Hotkey });
        command.Parameters.Add(Nullable(miner.Uid, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(miner.Coldkey, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(miner.Ip, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(miner.Port, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(miner.StakeTao, NpgsqlDbType.Double));
        command.Parameters.Add(new() { Value = miner.IsAvailable });
        command.Parameters.Add(Nullable(miner.LastProbeAt, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(miner.LastSuccessAt, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(miner.LastError, NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the outcome of an epoch's weight computation or submission (one row per netuid and epoch).</summary>
    public async Task RecordWeightSubmissionAsync(WeightSubmissionEntry submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO weight_submissions (netuid, epoch, status, weights, extrinsic_hash, block_number, message)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (netuid, epoch) DO UPDATE
            SET status = excluded.status, weights = excluded.weights, extrinsic_hash = excluded.extrinsic_hash,
                block_number = excluded.block_number, message = excluded.message, updated_at = now()
            """);
        command.Parameters.Add(new() { Value = submission.Netuid });
        command.Parameters.Add(new() { Value = submission.Epoch });
        command.Parameters.Add(new() { Value = submission.Status });
        command.Parameters.Add(new() { Value = submission.WeightsJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(Nullable(submission.ExtrinsicHash, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(submission.BlockNumber, NpgsqlDbType.Bigint));
        command.Parameters.Add(Nullable(submission.Message, NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a hotkey sent to POST /register. Returns true when it was not registered before.</summary>
    public async Task<bool> RegisterHotkeyAsync(string hotkey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO registered_hotkeys (hotkey) VALUES ($1)
            ON CONFLICT (hotkey) DO UPDATE SET is_available = true, updated_at = now()
            RETURNING (xmax = 0)
            """);
        command.Parameters.Add(new() { Value = hotkey });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Counters for /stats and the health endpoint, computed from the ledger in one round trip.</summary>
    public async Task<LedgerStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("SELECT status, count(*) FROM challenges GROUP BY status"));
        batch.BatchCommands.Add(new("""
            SELECT count(*) FILTER (WHERE outcome = 'answered'),
                   count(*) FILTER (WHERE outcome <> 'answered'),
                   avg(response_time_ms) FILTER (WHERE outcome = 'answered')
            FROM miner_answers
            """));
        batch.BatchCommands.Add(new("SELECT count(*), count(*) FILTER (WHERE is_available) FROM miners"));
        batch.BatchCommands.Add(new("SELECT count(*) FROM registered_hotkeys"));
        batch.BatchCommands.Add(new("SELECT max(received_at) FROM challenges"));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var byStatus = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            byStatus[reader.GetString(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var answered = reader.GetInt64(0);
        var failed = reader.GetInt64(1);
        double? averageResponseMs = reader.IsDBNull(2) ? null : (double)reader.GetDecimal(2);

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var knownMiners = reader.GetInt64(0);
        var availableMiners = reader.GetInt64(1);

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var registeredHotkeys = reader.GetInt64(0);

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset? lastChallengeAt = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);

        return new LedgerStats(byStatus, answered, failed, averageResponseMs, knownMiners, availableMiners,
            registeredHotkeys, lastChallengeAt);
    }

    /// <summary>The most recently received challenges, newest first.</summary>
    public async Task<ChallengePage> ListChallengesAsync(int limit, int offset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await using var batch = dataSource.CreateBatch();
        var page = new NpgsqlBatchCommand("""
            SELECT challenge_id, correlation_id, source, status, model, received_at, updated_at
            FROM challenges
            ORDER BY received_at DESC, challenge_id
            LIMIT $1 OFFSET $2
            """);
        page.Parameters.Add(new() { Value = limit });
        page.Parameters.Add(new() { Value = offset });
        batch.BatchCommands.Add(page);
        batch.BatchCommands.Add(new("SELECT count(*) FROM challenges"));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<ChallengeSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new ChallengeSummary(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ChallengePage(items, reader.GetInt64(0));
    }

    /// <summary>
    /// Deletes challenges received before <paramref name="cutoff"/> with everything recorded for them (answers,
    /// evaluations and sybil reports go by cascade); returns how many challenges went. Miners, weight submissions and
    /// registered hotkeys are kept, as the reference keeps its miners and users tables.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM challenges WHERE received_at < $1");
        command.Parameters.Add(new() { Value = cutoff });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Nullable<T>(T? value, NpgsqlDbType type) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = type };
}
