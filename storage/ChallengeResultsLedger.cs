using NpgsqlTypes;

namespace Loosh.Storage;

/// <summary>The ledger rows a challenge writes once its answers are in and evaluated.</summary>
public sealed partial class ValidatorLedger
{
    /// <summary>
    /// Records every chosen miner's answer, timeout or error for a challenge. Re-recording (a resumed challenge)
    /// overwrites the same rows, so the ledger ends as the grain's state says.
    /// </summary>
    public async Task RecordAnswersAsync(string challengeId, IReadOnlyList<AnswerEntry> answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        await using var batch = dataSource.CreateBatch();
        foreach (var answer in answers)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = """
                INSERT INTO miner_answers (challenge_id, miner_hotkey, miner_uid, response_text, response_time_ms,
                                           finish_reason, tool_calls, usage, outcome)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (challenge_id, miner_hotkey) DO UPDATE
                SET miner_uid = excluded.miner_uid, response_text = excluded.response_text,
                    response_time_ms = excluded.response_time_ms, finish_reason = excluded.finish_reason,
                    tool_calls = excluded.tool_calls, usage = excluded.usage, outcome = excluded.outcome
                """;
            command.Parameters.Add(new() { Value = challengeId });
            command.Parameters.Add(new() { Value = answer.MinerHotkey });
            command.Parameters.Add(Nullable(answer.MinerUid, NpgsqlDbType.Integer));
            command.Parameters.Add(Nullable(answer.ResponseText, NpgsqlDbType.Text));
            command.Parameters.Add(Nullable(answer.ResponseTimeMs, NpgsqlDbType.Integer));
            command.Parameters.Add(Nullable(answer.FinishReason, NpgsqlDbType.Text));
            command.Parameters.Add(Nullable(answer.ToolCallsJson, NpgsqlDbType.Jsonb));
            command.Parameters.Add(Nullable(answer.UsageJson, NpgsqlDbType.Jsonb));
            command.Parameters.Add(new() { Value = answer.Outcome });
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records (or re-records) a challenge's evaluation and, when sybil detection found something, its report.</summary>
    public async Task RecordEvaluationAsync(EvaluationEntry evaluation, SybilReportEntry? sybil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        await using var batch = dataSource.CreateBatch();
        var row = batch.CreateBatchCommand();
        row.CommandText = """
            INSERT INTO evaluations (challenge_id, consensus_score, emissions, best_miner_hotkey, heatmap_path, narrative)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (challenge_id) DO UPDATE
            SET consensus_score = excluded.consensus_score, emissions = excluded.emissions,
                best_miner_hotkey = excluded.best_miner_hotkey, heatmap_path = excluded.heatmap_path,
                narrative = excluded.narrative
            """;
        row.Parameters.Add(new() { Value = evaluation.ChallengeId });
        row.Parameters.Add(new() { Value = evaluation.ConsensusScore });
        row.Parameters.Add(new() { Value = evaluation.EmissionsJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        row.Parameters.Add(Nullable(evaluation.BestMinerHotkey, NpgsqlDbType.Text));
        row.Parameters.Add(Nullable(evaluation.HeatmapPath, NpgsqlDbType.Text));
        row.Parameters.Add(Nullable(evaluation.Narrative, NpgsqlDbType.Text));
        batch.BatchCommands.Add(row);

        if (sybil is not null)
        {
            var report = batch.CreateBatchCommand();
            report.CommandText = """
                INSERT INTO sybil_reports (challenge_id, suspicious_pairs_count, suspicious_groups_count,
                                           high_similarity_threshold, very_high_similarity_threshold, report)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (challenge_id) DO UPDATE
                SET suspicious_pairs_count = excluded.suspicious_pairs_count,
                    suspicious_groups_count = excluded.suspicious_groups_count,
                    high_similarity_threshold = excluded.high_similarity_threshold,
                    very_high_similarity_threshold = excluded.very_high_similarity_threshold,
                    report = excluded.report
                """;
            report.Parameters.Add(new() { Value = evaluation.ChallengeId });
            report.Parameters.Add(new() { Value = sybil.PairCount });
            report.Parameters.Add(new() { Value = sybil.GroupCount });
            report.Parameters.Add(new() { Value = sybil.HighThreshold });
            report.Parameters.Add(new() { Value = sybil.VeryHighThreshold });
            report.Parameters.Add(new() { Value = sybil.ReportJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
            batch.BatchCommands.Add(report);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>One chosen miner's result for a challenge; <paramref name="Outcome"/> is answered, timed_out or failed.</summary>
public sealed record AnswerEntry(
    string MinerHotkey,
    int? MinerUid,
    string? ResponseText,
    int? ResponseTimeMs,
    string? FinishReason,
    string? ToolCallsJson,
    string? UsageJson,
    string Outcome);

/// <summary>A challenge's evaluation; <paramref name="EmissionsJson"/> maps hotkey to emission.</summary>
public sealed record EvaluationEntry(
    string ChallengeId,
    double ConsensusScore,
    string EmissionsJson,
    string? BestMinerHotkey,
    string? HeatmapPath,
    string? Narrative);

/// <summary>What sybil detection found in one challenge; <paramref name="ReportJson"/> holds the pairs and groups.</summary>
public sealed record SybilReportEntry(int PairCount, int GroupCount, double HighThreshold, double VeryHighThreshold, string ReportJson);
