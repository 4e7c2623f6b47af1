using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loosh.Protocols.Miners;

/// <summary>
/// Writes timestamps the way the Python reference does (naive UTC ISO-8601 with microseconds, no offset) and reads
/// such text back as UTC, so miners written against the reference parse our requests unchanged.
/// </summary>
public sealed class NaiveUtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new JsonException("created_at must be an ISO-8601 date and time.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
