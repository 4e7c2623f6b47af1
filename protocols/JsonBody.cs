using System.Globalization;
using System.Text.Json;

namespace Loosh.Protocols;

/// <summary>Parses a JSON object body and hands its fields to a reader that records one problem per bad field.</summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    /// <summary>
    /// Parses <paramref name="body"/> as a JSON object and runs <paramref name="read"/> over it. The result is
    /// malformed when the body is not a JSON object, invalid when <paramref name="read"/> recorded problems.
    /// </summary>
    public static ParseResult<T> Parse<T>(ReadOnlyMemory<byte> body, Func<JsonFields, T?> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            return new(null, $"The body is not valid JSON: {e.Message}", []);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(null, "The body must be a JSON object.", []);
            }
            var fields = new JsonFields(document.RootElement);
            var value = read(fields);
            return fields.Problems.Count == 0 && value is not null
                ? new(value, null, [])
                : new(null, null, fields.Problems.Count > 0 ? fields.Problems : [new FieldProblem("", "is invalid")]);
        }
    }
}

/// <summary>Typed access to the fields of a JSON object; every bad field adds a <see cref="FieldProblem"/>.</summary>
public sealed class JsonFields(JsonElement root)
{
    private readonly List<FieldProblem> _problems = [];

    public IReadOnlyList<FieldProblem> Problems => _problems;

    public JsonElement Root => root;

    public void Problem(string field, string message) => _problems.Add(new FieldProblem(field, message));

    /// <summary>The field's value, unless it is absent or null.</summary>
    public bool TryGet(string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public string? RequiredString(string name, int maxLength)
    {
        if (!TryGet(name, out _))
        {
            Problem(name, "is required");
            return null;
        }
        var value = OptionalString(name, maxLength);
        if (value is { Length: 0 })
        {
            Problem(name, "must not be empty");
        }
        return value;
    }

    public string? OptionalString(string name, int maxLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Problem(name, "must be a string");
            return null;
        }
        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            Problem(name, $"must be at most {maxLength} characters");
        }
        return text;
    }

    public bool? RequiredBool(string name)
    {
        if (!TryGet(name, out var value))
        {
            Problem(name, "is required");
            return null;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem(name, "must be true or false");
            return null;
        }
        return value.GetBoolean();
    }

    public double? OptionalNumber(string name, double min, double max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < min || number > max)
        {
            Problem(name, string.Create(CultureInfo.InvariantCulture, $"must be a number from {min} to {max}"));
            return null;
        }
        return number;
    }

    public int? OptionalInteger(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            Problem(name, $"must be a whole number from {min} to {max}");
            return null;
        }
        return number;
    }

    public DateTimeOffset? OptionalTimestamp(string name)
    {
        var text = OptionalString(name, 64);
        if (text is null)
        {
            return null;
        }
        // The reference writes naive UTC ISO-8601 (no offset); read those as UTC.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }
        Problem(name, "must be an ISO-8601 date and time");
        return null;
    }

    /// <summary>Checks that an optional field, when present, is a JSON value of <paramref name="kind"/>.</summary>
    public void OptionalOfKind(string name, JsonValueKind kind, string description)
    {
        if (TryGet(name, out var value) && value.ValueKind != kind)
        {
            Problem(name, $"must be {description}");
        }
    }
}
