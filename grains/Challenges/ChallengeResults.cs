using System.Text;
using System.Text.Json;
using Loosh.Evaluation.Recording;
using Loosh.Evaluation.Scoring;
using Loosh.Evaluation.Sybil;
using Loosh.Grains.Delivery;
using Loosh.Grains.Services;
using Loosh.Protocols.ChallengeApi;
using Loosh.Storage;
using Microsoft.Extensions.Options;

namespace Loosh.Grains.Challenges;

/// <summary>
/// What a challenge does once its answers are in: evaluate them, record the answers, evaluation and sybil report in
/// the ledger, tell every chosen miner's grain how it did, and put the result for the Challenge API in the outbox.
/// Every write is keyed by the challenge, so a challenge resumed after a crash repeats this step without duplicating
/// anything, and the outbox keeps the first result it was given.
/// </summary>
public sealed partial class ChallengeResults(
    ChallengeEvaluator evaluator,
    ChallengeApiClient api,
    NarrativeGenerator narratives,
    ValidatorLedger ledger,
    Storage.Outbox outbox,
    ValidatorIdentity identity,
    IGrainFactory grains,
    IOptions<ChallengePipelineOptions> options,
    TimeProvider timeProvider,
    ILogger<ChallengeResults> logger)
{
    private static readonly JsonSerializerOptions LedgerJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Evaluates (or, in TEST_MODE, passes the first answer on), records, and enqueues the result. Returns the
    /// evaluation to keep with the challenge and the id of the outbox message carrying the result.
    /// </summary>
    public async Task<(ChallengeEvaluation Evaluation, string ResultMessageId)> EvaluateAndRecordAsync(
        ChallengeRequest challenge, IReadOnlyList<SelectedMiner> miners, IReadOnlyList<MinerAnswer> answers, bool testMode)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var answered = answers.Where(a => a.Kind == MinerOutcomeKind.Answered).ToArray();
        var messageId = OutboxKinds.ResultOf(challenge.Id);
        if (testMode)
        {
            // The reference's TEST_MODE: no evaluation, the first answer goes back on its own.
            var first = answered.OrderBy(a => a.At).First();
            var body = ChallengeApiClient.ToWireJson(new SingleResponse(challenge.Id, first.Text ?? string.Empty, OriginalRequest(challenge)));
            await outbox.EnqueueAsync(new OutboxMessage(messageId, options.Value.UseFiber ? OutboxKinds.TestCallback : OutboxKinds.TestResponse, Encoding.UTF8.GetString(body)));
            await RecordAsync(challenge, miners, answers, report: null);
            return (new ChallengeEvaluation("test_mode", 0, new Dictionary<string, double>(), first.Hotkey, null, null, timeProvider.GetUtcNow()), messageId);
        }

        var report = await EvaluateAsync(challenge, miners, answered);
        var heatmapPath = report is null ? null : await UploadHeatmapAsync(challenge, report);
        var narrative = report?.Consensus is null
            ? null
            : await narratives.GenerateAsync(NarrativeOf(challenge, report, heatmapPath, answered.ToDictionary(a => a.Hotkey, a => a.Text ?? string.Empty, StringComparer.Ordinal)));
        var evaluation = new ChallengeEvaluation(
            report is null ? "error" : LedgerNames.Of(report.Path),
            report?.ConsensusScore ?? 0,
            report?.EmissionsByHotkey ?? new Dictionary<string, double>(),
            report?.BestMinerHotkey,
            heatmapPath,
            narrative,
            timeProvider.GetUtcNow());

        var batch = Batch(challenge, miners, answered, evaluation);
        await outbox.EnqueueAsync(new OutboxMessage(messageId, OutboxKinds.ChallengeBatch, Encoding.UTF8.GetString(ChallengeApiClient.ToWireJson(batch))));
        if (report?.Sybil is { HasFindings: true } sybil)
        {
            var records = new { records = new[] { SybilRecord(challenge.Id, sybil.ToRecord()) } };
            await outbox.EnqueueAsync(new OutboxMessage($"sybil:{challenge.Id}", OutboxKinds.SybilDetections, Encoding.UTF8.GetString(ChallengeApiClient.ToWireJson(records))));
        }
        await RecordAsync(challenge, miners, answers, report, evaluation);
        return (evaluation, messageId);
    }

    /// <summary>The ledger rows of every chosen miner and, with a report, the evaluation; then each miner's outcome.</summary>
    public async Task RecordAsync(
        ChallengeRequest challenge, IReadOnlyList<SelectedMiner> miners, IReadOnlyList<MinerAnswer> answers, EvaluationReport? report,
        ChallengeEvaluation? evaluation = null)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var uids = miners.ToDictionary(m => m.Hotkey, m => m.Uid, StringComparer.Ordinal);
        await ledger.RecordAnswersAsync(challenge.Id, [.. answers.Select(a => new AnswerEntry(
            a.Hotkey,
            uids.GetValueOrDefault(a.Hotkey),
            a.Text,
            a.ResponseTimeMs,
            a.FinishReason,
            a.ToolCallsJson,
            a.Kind == MinerOutcomeKind.Answered ? JsonSerializer.Serialize(new TokenUsage(a.PromptTokens, a.CompletionTokens, a.TotalTokens), LedgerJson) : null,
            LedgerNames.Of(a.Kind)))]);

        if (evaluation is not null)
        {
            await ledger.RecordEvaluationAsync(
                new EvaluationEntry(challenge.Id, evaluation.ConsensusScore, JsonSerializer.Serialize(evaluation.Emissions), evaluation.BestMinerHotkey,
                    evaluation.HeatmapPath, evaluation.Narrative),
                report?.Sybil is { HasFindings: true } sybil ? SybilEntry(sybil) : null);
        }

        var zeroForSilence = evaluator.Profile.ZeroForUnanswered;
        await Task.WhenAll(answers.Select(a =>
        {
            // The reference records nothing for a miner that did not answer (§12); the quality-gated profile records 0.
            double? emission = a.Kind == MinerOutcomeKind.Answered
                ? evaluation?.Emissions.GetValueOrDefault(a.Hotkey)
                : zeroForSilence ? 0.0 : null;
            return grains.GetGrain<IMinerGrain>(a.Hotkey).RecordOutcomeAsync(new MinerOutcome(challenge.Id, a.Kind, emission, a.ResponseTimeMs, a.At));
        }));
    }

    private async Task<EvaluationReport?> EvaluateAsync(ChallengeRequest challenge, IReadOnlyList<SelectedMiner> miners, MinerAnswer[] answered)
    {
        var byHotkey = miners.ToDictionary(m => m.Hotkey, StringComparer.Ordinal);
        var request = new EvaluationRequest(
            challenge.Id,
            MinerRequests.EvaluationPrompt(challenge),
            [.. answered.Select(a => new AnswerToEvaluate(
                a.Hotkey, byHotkey[a.Hotkey].Uid, a.Text, a.ResponseTimeMs, byHotkey[a.Hotkey].Ip, byHotkey[a.Hotkey].Coldkey))]);
        try
        {
            return await evaluator.EvaluateAsync(request);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            // As the reference: a failed evaluation still sends the answers, with no emissions and no best miner.
            LogEvaluationFailed(logger, challenge.Id, e);
            return null;
        }
    }

    /// <summary>
    /// With ENABLE_HEATMAP_GENERATION, renders the heatmap of every compared answer and uploads it; the batch carries
    /// the path the Challenge API returns. A failed upload leaves the path empty and never holds the result back.
    /// </summary>
    private async Task<string?> UploadHeatmapAsync(ChallengeRequest challenge, EvaluationReport report)
    {
        if (!options.Value.HeatmapEnabled || report.SimilarityHotkeys.Count < 2)
        {
            return null;
        }
        var now = timeProvider.GetUtcNow();
        var png = SimilarityHeatmap.RenderPng(EvaluationHeatmap.Request(report, now, challenge.CorrelationId));
        var upload = await api.UploadHeatmapAsync(
            new HeatmapFile(challenge.Id, "heatmap", SimilarityHeatmap.HeatmapFileName(challenge.Id, now), "image/png", png), CancellationToken.None);
        if (upload.Value is null)
        {
            LogHeatmapUploadFailed(logger, challenge.Id, upload.Failure);
        }
        return upload.Value;
    }

    /// <summary>What the narrative prompt needs: answers labelled by UID, split by consensus membership (§8.3).</summary>
    private static NarrativeInput NarrativeOf(
        ChallengeRequest challenge, EvaluationReport report, string? heatmapPath, Dictionary<string, string> textOf)
    {
        var consensus = report.Consensus!;
        var uids = report.Answers.ToDictionary(a => a.Hotkey, a => a.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        LabelledAnswer[] Labelled(IEnumerable<string> hotkeys) => [.. hotkeys.Select(h => new LabelledAnswer(uids[h], textOf[h]))];
        return new NarrativeInput(
            MinerRequests.EvaluationPrompt(challenge),
            Labelled(consensus.InConsensus),
            Labelled(consensus.OutOfConsensus),
            consensus.Theta,
            consensus.WeightedScore ?? 0,
            PolarityAgreement: null,
            consensus.ConsensusAchieved,
            heatmapPath);
    }

    private BatchSubmission Batch(ChallengeRequest challenge, IReadOnlyList<SelectedMiner> miners, MinerAnswer[] answered, ChallengeEvaluation evaluation)
    {
        var uids = miners.ToDictionary(m => m.Hotkey, m => m.Uid, StringComparer.Ordinal);
        return new BatchSubmission(
            challenge.Id,
            [.. answered.Select(a => new MinerResponseEntry(
                a.Hotkey,
                uids[a.Hotkey],
                a.Text ?? string.Empty,
                a.ToolCallsJson is { } calls ? JsonDocument.Parse(calls).RootElement.Clone() : null,
                a.FinishReason ?? "stop",
                a.ResponseTimeMs,
                new TokenUsage(a.PromptTokens, a.CompletionTokens, a.TotalTokens)))],
            new BatchEvaluation(evaluation.ConsensusScore, evaluation.Emissions, evaluation.BestMinerHotkey, evaluation.HeatmapPath, evaluation.Narrative, null),
            identity.Ss58Address,
            OriginalRequest(challenge));
    }

    private SybilDetectionRecord SybilRecord(string challengeId, SybilChallengeRecord record) => new(
        identity.Ss58Address,
        challengeId,
        record.SuspiciousPairsCount,
        record.SuspiciousGroupsCount,
        [.. (record.SuspiciousPairs ?? []).Select(p => new SuspiciousPair(p.MinerHotkey1, p.MinerHotkey2, p.SimilarityScore, p.ResponseText1, p.ResponseText2, p.DetectionMethod))],
        [.. (record.SuspiciousGroups ?? []).Select(g => new SuspiciousGroup(g.MinerHotkeys, g.AvgSimilarity, g.MinSimilarity, g.MaxSimilarity, g.MinInternalSimilarity, g.ResponseTexts))],
        record.AnalysisReport,
        record.HighSimilarityThreshold,
        record.VeryHighSimilarityThreshold);

    private static SybilReportEntry SybilEntry(SybilDetection sybil)
    {
        var record = sybil.ToRecord();
        return new SybilReportEntry(record.SuspiciousPairsCount, record.SuspiciousGroupsCount, record.HighSimilarityThreshold,
            record.VeryHighSimilarityThreshold, JsonSerializer.Serialize(record));
    }

    private static JsonElement OriginalRequest(ChallengeRequest challenge)
    {
        using var document = JsonDocument.Parse(challenge.OriginalJson);
        return document.RootElement.Clone();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heatmap of challenge {ChallengeId} was not uploaded: {Reason}")]
    private static partial void LogHeatmapUploadFailed(ILogger logger, string challengeId, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluation of challenge {ChallengeId} failed; submitting the answers without emissions")]
    private static partial void LogEvaluationFailed(ILogger logger, string challengeId, Exception exception);
}
