using System.Text.Json;
using Loosh.Protocols.Miners;

namespace Loosh.Grains.Challenges;

/// <summary>
/// Turns a challenge into the request each miner gets, with the reference's parameter resolution (protocols.md §1.4):
/// model from the challenge, then <c>metadata.model</c>, then the default; max_tokens / temperature / top_p default to
/// 12288 / 0.7 / 0.95; a messages challenge without a prompt forwards the last user message as the prompt too.
/// </summary>
public static class MinerRequests
{
    /// <summary>The reference's DEFAULT_MODEL.</summary>
    public const string DefaultModel = "Qwen/Qwen2.5-32B-Instruct";

    public const int DefaultMaxTokens = 12288;
    public const double DefaultTemperature = 0.7;
    public const double DefaultTopP = 0.95;

    public static MinerRequest Build(ChallengeRequest challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        using var original = JsonDocument.Parse(challenge.OriginalJson);
        var root = original.RootElement;
        var messages = challenge.Messages.Select(m => new MinerChatMessage(m.Role, m.Content)).ToArray();
        return new MinerRequest(
            Prompt: EvaluationPrompt(challenge),
            Messages: messages.Length == 0 ? null : messages,
            Tools: Property(root, "tools"),
            ToolChoice: Property(root, "tool_choice"),
            Model: challenge.Model ?? MetadataModel(root) ?? DefaultModel,
            MaxTokens: challenge.MaxTokens ?? DefaultMaxTokens,
            Temperature: challenge.Temperature ?? DefaultTemperature,
            TopP: challenge.TopP ?? DefaultTopP,
            CorrelationId: challenge.CorrelationId ?? challenge.Id,
            CreatedAt: challenge.CreatedAt);
    }

    /// <summary>The prompt, or for a messages challenge without one the content of the last user message (§1.4).</summary>
    public static string EvaluationPrompt(ChallengeRequest challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return Loosh.Evaluation.Scoring.EvaluationRequest.PromptOf(challenge.Prompt, challenge.Messages.Select(m => (m.Role, (string?)m.Content)));
    }

    private static JsonElement? Property(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.Clone()
            : null;

    private static string? MetadataModel(JsonElement root) =>
        Property(root, "metadata") is { ValueKind: JsonValueKind.Object } metadata
        && metadata.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String
            ? model.GetString()
            : null;
}
