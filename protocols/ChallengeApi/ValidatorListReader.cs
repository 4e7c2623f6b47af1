using System.Text.Json;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>
/// Reads <c>GET /validators</c> (protocols.md §1.6): an entry is a validator when it has <c>hotkey_ss58</c> and either
/// <c>validator_permit</c> or <c>metadata.admin_approved</c> is true. Null for a body that is not a JSON array.
/// </summary>
internal static class ValidatorListReader
{
    public static HashSet<string>? Read(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            return document.RootElement.EnumerateArray()
                .Where(entry => entry.ValueKind == JsonValueKind.Object && (IsTrue(entry, "validator_permit")
                    || (entry.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                        && IsTrue(metadata, "admin_approved"))))
                .Select(entry => entry.TryGetProperty("hotkey_ss58", out var hotkey) && hotkey.ValueKind == JsonValueKind.String ? hotkey.GetString() : null)
                .OfType<string>()
                .Where(hotkey => hotkey.Length > 0)
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsTrue(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
