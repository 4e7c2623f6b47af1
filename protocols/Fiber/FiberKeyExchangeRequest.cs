using System.Text.Json;

namespace Loosh.Protocols.Fiber;

/// <summary>
/// A key exchange the Challenge API sends to our POST /fiber/key-exchange (protocols.md §1.1(c), §3). The timestamp
/// is kept as the JSON number text that was sent, because the signature covers exactly that text.
/// </summary>
public sealed record FiberKeyExchangeRequest(string EncryptedSymmetricKey, string KeyUuid, string TimestampText, string Signature, string HotkeySs58)
{
    private const int MaxCiphertextLength = 4096;
    private const int MaxShortField = 256;

    /// <summary>
    /// Reads the body. The hotkey may be named <c>validator_hotkey_ss58</c> (what the Fiber client sends) or
    /// <c>hotkey_ss58</c> (what the reference server's model declared).
    /// </summary>
    public static ParseResult<FiberKeyExchangeRequest> Parse(ReadOnlyMemory<byte> body) => JsonBody.Parse(body, fields =>
    {
        var ciphertext = fields.RequiredString("encrypted_symmetric_key", MaxCiphertextLength);
        var keyUuid = fields.RequiredString("key_uuid", MaxShortField);
        var signature = fields.RequiredString("signature", MaxShortField);
        var hotkey = fields.TryGet("validator_hotkey_ss58", out _)
            ? fields.RequiredString("validator_hotkey_ss58", MaxShortField)
            : fields.RequiredString("hotkey_ss58", MaxShortField);
        string? timestamp = null;
        if (fields.TryGet("timestamp", out var value) && value.ValueKind == JsonValueKind.Number && value.GetRawText().Length <= 64)
        {
            timestamp = value.GetRawText();
        }
        else
        {
            fields.Problem("timestamp", "must be a number (Unix seconds)");
        }
        return ciphertext is null || keyUuid is null || signature is null || hotkey is null || timestamp is null
            ? null
            : new FiberKeyExchangeRequest(ciphertext, keyUuid, timestamp, signature, hotkey);
    });
}
