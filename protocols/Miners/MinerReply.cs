using System.Text.Json;

namespace Loosh.Protocols.Miners;

/// <summary>The function part of an OpenAI tool call; arguments stay the JSON text the model produced.</summary>
public sealed record MinerToolFunction(string? Name, string? Arguments);

/// <summary>An OpenAI tool call; kept (unlike the reference) so cost and tool use can be reported (§10 item 17).</summary>
public sealed record MinerToolCall(string? Id, string? Type, MinerToolFunction? Function);

/// <summary>Token counts the miner's backend reported; kept so the batch can attribute cost (§10 item 17).</summary>
public sealed record MinerUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

/// <summary>
/// A miner's reply (protocols.md §2.3). <see cref="ResponseText"/> is required on the wire and may be empty;
/// tool calls, finish reason and usage are kept because the Challenge API batch reports them.
/// </summary>
public sealed record MinerReply(
    string ResponseText,
    double? ResponseTimeMs = null,
    IReadOnlyList<MinerToolCall>? ToolCalls = null,
    string? FinishReason = null,
    MinerUsage? Usage = null,
    string? CorrelationId = null,
    JsonElement? Metadata = null);
