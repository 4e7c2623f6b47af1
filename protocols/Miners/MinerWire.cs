using System.Text.Json;

namespace Loosh.Protocols.Miners;

/// <summary>
/// The JSON shape of the miner protocol: snake_case names, nulls left out (miners treat a missing field and a null
/// alike) and unknown reply fields ignored, so newer miners stay compatible.
/// </summary>
public static class MinerWire
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 64,
    };

    public static byte[] Serialize(MinerRequest request) => JsonSerializer.SerializeToUtf8Bytes(request, Options);

    /// <summary>Reads a reply body into an outcome: malformed JSON and a missing response_text are failures, not exceptions.</summary>
    public static MinerOutcome ReadReply(ReadOnlySpan<byte> body, TimeSpan elapsed)
    {
        MinerReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize<MinerReply>(body, Options);
        }
        catch (JsonException e)
        {
            return new MinerOutcome.Failed(MinerFailureKind.MalformedJson, $"The reply is not valid JSON: {e.Message}", elapsed);
        }
        return reply?.ResponseText is null
            ? new MinerOutcome.Failed(MinerFailureKind.MissingResponseText, "The reply has no response_text.", elapsed)
            : new MinerOutcome.Answered(reply, elapsed);
    }
}
