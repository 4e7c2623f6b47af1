using System.Text;
using System.Text.Json;
using Loosh.Chain.Crypto;

namespace Loosh.Protocols.Fiber;

/// <summary>
/// The key-exchange body each peer expects (protocols.md §1.1(c) step 4, §2.2 step 4), with the timestamp written as
/// the very text that was signed, so the Python peer's repr of the parsed float reproduces it.
/// </summary>
internal static class FiberHandshake
{
    public static byte[] Body(FiberFlavor flavor, Sr25519KeyPair validatorKey, string validatorSs58, byte[] encryptedKey, string keyUuid, TimeProvider time)
    {
        var timestamp = PythonFloat.Format(Timestamp(time));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (flavor == FiberFlavor.Miner)
            {
                var nonce = Guid.NewGuid().ToString();
                json.WriteString("encrypted_symmetric_key", Convert.ToHexStringLower(encryptedKey));
                json.WriteString("symmetric_key_uuid", keyUuid);
                WriteTimestamp(json, timestamp);
                json.WriteString("nonce", nonce);
                json.WriteString("signature", "0x" + Sign(validatorKey, $"{timestamp}.{nonce}.{validatorSs58}"));
            }
            else
            {
                json.WriteString("encrypted_symmetric_key", Convert.ToBase64String(encryptedKey));
                json.WriteString("key_uuid", keyUuid);
                WriteTimestamp(json, timestamp);
                json.WriteString("signature", Sign(validatorKey, $"{timestamp}.{validatorSs58}.{keyUuid}"));
            }
            json.WriteString("validator_hotkey_ss58", validatorSs58);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Unix seconds with microseconds, never a whole number (whose text .NET and Python would print differently).</summary>
    internal static double Timestamp(TimeProvider time)
    {
        var seconds = Math.Round((time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond, 6);
        return seconds == Math.Floor(seconds) ? seconds + 0.000001 : seconds;
    }

    private static void WriteTimestamp(Utf8JsonWriter json, string timestamp)
    {
        json.WritePropertyName("timestamp");
        json.WriteRawValue(timestamp);
    }

    private static string Sign(Sr25519KeyPair key, string message) => Convert.ToHexStringLower(key.Sign(Encoding.UTF8.GetBytes(message)));
}
