using System.Text.Json;
using Loosh.Protocols;

namespace Loosh.Devnet;

/// <summary>
/// The body a validator posts to a miner's <c>/fiber/key-exchange</c> (protocols.md §2.2 step 4). The timestamp is
/// kept as the JSON number text that was sent, because the miner verifies the signature over exactly that text.
/// </summary>
internal sealed record MinerKeyExchange(string EncryptedKeyHex, string KeyUuid, string TimestampText, string Nonce, string Signature, string HotkeySs58)
{
    private const int MaxCiphertextLength = 4096;
    private const int MaxShortField = 256;
    private const int MaxTimestampLength = 64;

    /// <summary>The text the validator signed: <c>"{timestamp}.{nonce}.{validator_ss58}"</c>.</summary>
    public string SignedText => $"{TimestampText}.{Nonce}.{HotkeySs58}";

    public static ParseResult<MinerKeyExchange> Parse(ReadOnlyMemory<byte> body) => JsonBody.Parse(body, fields =>
    {
        var ciphertext = fields.RequiredString("encrypted_symmetric_key", MaxCiphertextLength);
        var keyUuid = fields.RequiredString("symmetric_key_uuid", MaxShortField);
        var nonce = fields.RequiredString("nonce", MaxShortField);
        var signature = fields.RequiredString("signature", MaxShortField);
        var hotkey = fields.RequiredString("validator_hotkey_ss58", MaxShortField);
        string? timestamp = null;
        if (fields.TryGet("timestamp", out var value) && value.ValueKind == JsonValueKind.Number
            && value.GetRawText().Length <= MaxTimestampLength)
        {
            timestamp = value.GetRawText();
        }
        else
        {
            fields.Problem("timestamp", "must be a number (Unix seconds)");
        }
        return ciphertext is null || keyUuid is null || nonce is null || signature is null || hotkey is null || timestamp is null
            ? null
            : new MinerKeyExchange(ciphertext, keyUuid, timestamp, nonce, signature, hotkey);
    });
}
