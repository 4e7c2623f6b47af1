using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loosh.Protocols.Miners;

/// <summary>
/// One chat message sent to a miner. Tool-call fields are kept so multi-turn tool conversations survive the trip
/// (protocols.md §2.3: the miner forwards messages verbatim to an OpenAI-compatible backend).
/// </summary>
public sealed record MinerChatMessage(
    string Role,
    string? Content,
    IReadOnlyList<MinerToolCall>? ToolCalls = null,
    string? ToolCallId = null);

/// <summary>Timing stages the validator forwards to the miner; the miner pops them, so their shape is kept raw.</summary>
public sealed record MinerRequestMetadata(JsonElement? TimingData);

/// <summary>
/// The OpenAI chat-completions-compatible request of protocols.md §2.3. Miners require max_tokens, temperature and
/// top_p, so they are not optional here; tools and tool_choice stay raw JSON because their schema belongs to the
/// backend, not to us.
/// </summary>
public sealed record MinerRequest(
    string? Prompt,
    IReadOnlyList<MinerChatMessage>? Messages,
    JsonElement? Tools,
    JsonElement? ToolChoice,
    string Model,
    int MaxTokens,
    double Temperature,
    double TopP,
    string CorrelationId,
    [property: JsonConverter(typeof(NaiveUtcTimestampConverter))] DateTimeOffset CreatedAt,
    MinerRequestMetadata? Metadata = null);
