namespace Loosh.Hosting.Tests;

/// <summary>Builds settings maps for the tests: a valid DATABASE_URL unless a test says otherwise.</summary>
internal static class Values
{
    public const string DatabaseUrl = "postgres://loosh:secret@localhost:5432/loosh";

    /// <summary>The given variables over a valid DATABASE_URL, names compared case-insensitively.</summary>
    public static Dictionary<string, string> With(params (string Name, string Value)[] pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["DATABASE_URL"] = DatabaseUrl };
        foreach (var (name, value) in pairs)
        {
            values[name] = value;
        }
        return values;
    }

    /// <summary>Only the given variables: no DATABASE_URL unless listed.</summary>
    public static Dictionary<string, string> Only(params (string Name, string Value)[] pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in pairs)
        {
            values[name] = value;
        }
        return values;
    }

    /// <summary>The exception <see cref="ValidatorSettings.FromValues"/> throws, checked to be a single line.</summary>
    public static SettingsException Rejected(IReadOnlyDictionary<string, string> values)
    {
        var error = Assert.Throws<SettingsException>(() => ValidatorSettings.FromValues(values));
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.NotEmpty(error.Problems);
        return error;
    }
}
