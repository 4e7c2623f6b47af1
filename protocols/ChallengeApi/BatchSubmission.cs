using System.Text.Json;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>
/// All miner responses to one challenge with their evaluation (protocols.md §1.5): one submission per challenge lets
/// the Challenge API forward the best answer (<see cref="BatchEvaluation.BestMinerId"/>) to its gateway.
/// <c>OriginalRequest</c> is the challenge as received, echoed back unchanged.
/// </summary>
public sealed record BatchSubmission(
    string ChallengeId,
    IReadOnlyList<MinerResponseEntry> Responses,
    BatchEvaluation Evaluation,
    string ValidatorHotkey,
    JsonElement OriginalRequest);

/// <summary>One miner's answer; <see cref="MinerId"/> is the miner hotkey because UIDs are recycled.</summary>
public sealed record MinerResponseEntry(
    string MinerId,
    int MinerUid,
    string Text,
    JsonElement? ToolCalls,
    string FinishReason,
    long ResponseTimeMs,
    TokenUsage Usage);

/// <summary>Token counts reported by the miner, for the Challenge API's cost attribution.</summary>
public sealed record TokenUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

/// <summary>
/// The consensus evaluation: emission per miner hotkey; <see cref="BestMinerId"/> is null when no response qualified.
/// </summary>
public sealed record BatchEvaluation(
    double ConsensusScore,
    IReadOnlyDictionary<string, double> Emissions,
    string? BestMinerId,
    string? HeatmapPath,
    string? Narrative,
    JsonElement? SybilDetection);

/// <summary>The v0 per-response body of <c>POST /response</c>: <c>{"id","text","original_request"}</c>.</summary>
public sealed record SingleResponse(string Id, string Text, JsonElement OriginalRequest);
