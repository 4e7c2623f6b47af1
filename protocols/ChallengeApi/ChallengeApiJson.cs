using System.Text.Json;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>The Challenge API speaks snake_case JSON with explicit nulls; one set of options keeps every body alike.</summary>
internal static class ChallengeApiJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
