using System.Text.Json;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>
/// Reads <c>{"scores": {hotkey: {...} | number}}</c> from <c>POST /analytics/sybil-scores/batch</c> (protocols.md
/// §1.7–§1.8). A bare number is the sybil score; a missing or non-numeric priority weight is 1.0 (fail-open).
/// Null for a body without a <c>scores</c> object.
/// </summary>
internal static class SybilScoreReader
{
    private const double DefaultPriorityWeight = 1.0;

    public static Dictionary<string, SybilScore>? Read(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("scores", out var scores) || scores.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            return scores.EnumerateObject().ToDictionary(entry => entry.Name, entry => Score(entry.Value), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SybilScore Score(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => new SybilScore(value.GetDouble(), DefaultPriorityWeight),
        JsonValueKind.Object => new SybilScore(Number(value, "sybil_score"), Number(value, "priority_weight") ?? DefaultPriorityWeight),
        _ => new SybilScore(null, DefaultPriorityWeight),
    };

    private static double? Number(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
