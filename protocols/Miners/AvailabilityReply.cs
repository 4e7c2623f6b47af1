using System.Net;
using System.Text.Json;

namespace Loosh.Protocols.Miners;

/// <summary>
/// Classifies an availability answer (protocols.md §2.4): only 200 with <c>available: true</c> counts; a miner's own
/// <c>reason</c> or <c>error</c> text is kept so the miners table says why a miner is out.
/// </summary>
public static class AvailabilityReply
{
    public static MinerAvailability Classify(HttpStatusCode status, byte[]? body)
    {
        var code = (int)status;
        if (body is null)
        {
            return new(false, "The availability reply is too large.", code);
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new(false, "The availability reply is not a JSON object.", code);
            }
            if (status == HttpStatusCode.OK && root.TryGetProperty("available", out var flag) && flag.ValueKind == JsonValueKind.True)
            {
                return new(true, null, code);
            }
            return new(false, TextOf(root, "reason") ?? TextOf(root, "error") ?? $"Not available (HTTP {code}).", code);
        }
        catch (JsonException)
        {
            return new(false, $"The availability reply is not valid JSON (HTTP {code}).", code);
        }
    }

    private static string? TextOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
