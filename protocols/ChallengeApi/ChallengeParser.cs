using System.Text.Json;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>
/// Parses and validates a challenge body. Unlike the reference, which accepts anything with an id, every
/// field that is present must have the right type and a sane size, and each problem names its field.
/// </summary>
public static class ChallengeParser
{
    public const int MaxIdLength = 128;
    public const int MaxMessages = 256;
    public const int MaxModelLength = 256;
    public const int MaxTokensLimit = 1 << 20;

    private static readonly string[] Roles = ["system", "user", "assistant", "tool", "developer"];

    /// <summary>Parses <paramref name="body"/>; <paramref name="now"/> fills a missing created_at, as the reference does.</summary>
    public static ParseResult<ChallengeMessage> Parse(ReadOnlyMemory<byte> body, DateTimeOffset now) =>
        JsonBody.Parse(body, fields => Read(fields, now));

    private static ChallengeMessage? Read(JsonFields fields, DateTimeOffset now)
    {
        var id = fields.RequiredString("id", MaxIdLength);
        if (id is not null && !id.All(IsIdCharacter))
        {
            fields.Problem("id", "may contain only letters, digits, '-', '_', '.' and ':'");
        }
        var correlationId = fields.OptionalString("correlation_id", 256);
        var prompt = fields.OptionalString("prompt", int.MaxValue);
        var messages = ReadMessages(fields);
        if (string.IsNullOrEmpty(prompt) && messages.Count == 0 && !fields.TryGet("messages", out _))
        {
            fields.Problem("prompt", "either prompt or messages is required");
        }
        var model = fields.OptionalString("model", MaxModelLength);
        var temperature = fields.OptionalNumber("temperature", 0, 2);
        var topP = fields.OptionalNumber("top_p", 0, 1);
        var maxTokens = fields.OptionalInteger("max_tokens", 1, MaxTokensLimit);
        var createdAt = fields.OptionalTimestamp("created_at") ?? now;
        fields.OptionalOfKind("metadata", JsonValueKind.Object, "a JSON object");
        fields.OptionalOfKind("tools", JsonValueKind.Array, "a JSON array");

        return id is null ? null : new ChallengeMessage(
            id, correlationId, prompt, messages, model, temperature, topP, maxTokens, createdAt, fields.Root.GetRawText());
    }

    private static List<ChatMessageWire> ReadMessages(JsonFields fields)
    {
        var messages = new List<ChatMessageWire>();
        if (!fields.TryGet("messages", out var array))
        {
            return messages;
        }
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() is 0 or > MaxMessages)
        {
            fields.Problem("messages", $"must be an array of 1 to {MaxMessages} {{role, content}} objects");
            return messages;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"messages[{index++}]";
            var role = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : null;
            if (role is null || !Roles.Contains(role))
            {
                fields.Problem($"{path}.role", "must be one of " + string.Join(", ", Roles));
                continue;
            }
            var content = item.TryGetProperty("content", out var value) ? MessageContent(value) : "";
            if (content is null)
            {
                fields.Problem($"{path}.content", "must be a string or an array of {\"type\": \"text\", \"text\": …} parts");
                continue;
            }
            messages.Add(new ChatMessageWire(role, content));
        }
        return messages;
    }

    // Multi-part content (the OpenAI format) is joined into text instead of dropping the challenge, which is what the reference does.
    private static string? MessageContent(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.Array:
                var parts = new List<string>();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object
                        || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text"
                        || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                    {
                        return null;
                    }
                    parts.Add(text.GetString()!);
                }
                return string.Join("\n", parts);
            default:
                return null;
        }
    }

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
