using System.Globalization;

namespace Loosh.Hosting;

/// <summary>
/// Reads typed settings from a case-insensitive name → value map and collects every problem, so one start-up
/// reports all bad variables at once. Empty values count as unset, as in the reference.
/// </summary>
internal sealed class SettingsReader(IReadOnlyDictionary<string, string> values)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public string? Raw(string name) => values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public bool IsSet(string name) => Raw(name) is not null;

    public string Text(string name, string fallback) => Raw(name) ?? fallback;

    public string? OptionalText(string name) => Raw(name);

    public int Int(string name, int fallback, int min, int max)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }
        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        return Fail(name, raw, $"a whole number from {min} to {max}", fallback);
    }

    public double Double(string name, double fallback, double min, double max)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        return Fail(name, raw, string.Create(CultureInfo.InvariantCulture, $"a number from {min} to {max}"), fallback);
    }

    public bool Bool(string name, bool fallback)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }
        switch (raw.ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES" or "ON":
                return true;
            case "FALSE" or "0" or "NO" or "OFF":
                return false;
            default:
                return Fail(name, raw, "true or false", fallback);
        }
    }

    /// <summary>One of <paramref name="allowed"/> (compared case-insensitively), mapped to its value.</summary>
    public T Choice<T>(string name, T fallback, IReadOnlyDictionary<string, T> allowed)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }
        foreach (var (key, value) in allowed)
        {
            if (string.Equals(key, raw, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return Fail(name, raw, "one of " + string.Join(", ", allowed.Keys), fallback);
    }

    /// <summary>An absolute URL with one of <paramref name="schemes"/>; null when unset and there is no fallback.</summary>
    public Uri? Url(string name, string? fallback, params string[] schemes)
    {
        var raw = Raw(name) ?? fallback;
        if (raw is null)
        {
            return null;
        }
        if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return uri;
        }
        return Fail<Uri?>(name, raw, "an absolute " + string.Join(" or ", schemes) + " URL", null);
    }

    public System.Net.IPAddress? IpAddress(string name)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return null;
        }
        return System.Net.IPAddress.TryParse(raw, out var address) ? address : Fail<System.Net.IPAddress?>(name, raw, "an IPv4 or IPv6 address", null);
    }

    /// <summary>A wallet or hotkey name: a single path segment, so it can never point outside the wallet folder.</summary>
    public string FileName(string name, string fallback)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }
        var valid = raw.Length <= 64 && raw[0] != '.'
            && raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return valid ? raw : Fail(name, raw, "letters, digits, '-', '_' and '.', not starting with '.', at most 64 characters", fallback);
    }

    /// <summary>
    /// A name that is also a valid Kubernetes label value (Orleans labels pods with the cluster and service ids):
    /// at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit.
    /// </summary>
    public string LabelValue(string name, string fallback)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return fallback;
        }
        var valid = raw.Length <= 63 && char.IsAsciiLetterOrDigit(raw[0]) && char.IsAsciiLetterOrDigit(raw[^1])
            && raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return valid ? raw : Fail(name, raw, "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit", fallback);
    }

    public T Fail<T>(string name, string raw, string allowed, T fallback)
    {
        _errors.Add($"{name}='{Printable(raw)}' is not allowed; expected {allowed}");
        return fallback;
    }

    public void Error(string message) => _errors.Add(message);

    // Never echo secrets or control characters into logs: long values are cut, anything unprintable is replaced.
    public static string Printable(string raw)
    {
        var shown = raw.Length > 80 ? raw[..80] + "…" : raw;
        return new string([.. shown.Select(c => char.IsControl(c) ? '?' : c)]);
    }
}
