using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loosh.Protocols.Miners;

/// <summary>
/// The JSON shape of the miner protocol: snake_case names, nulls left out (miners treat a missing field and a null
/// alike) and unknown reply fields ignored, so newer miners stay compatible.
/// </summary>
public static class MinerWire
{
    /// <summary>Shared, read-only options so no caller can change the wire shape for everyone.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

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

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 64,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
