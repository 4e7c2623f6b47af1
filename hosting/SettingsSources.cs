using System.Collections;

namespace Loosh.Hosting;

/// <summary>Where settings come from: the process environment first, then a <c>.env</c> file, names case-insensitive.</summary>
public static class SettingsSources
{
    /// <summary>The variables of a <c>.env</c> file, without touching the process environment; empty when the file does not exist.</summary>
    public static IReadOnlyDictionary<string, string> ReadDotEnv(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }
        var options = new DotNetEnv.LoadOptions(setEnvVars: false, clobberExistingVars: false, onlyExactPath: true);
        return DotNetEnv.Env.Load(path, options)
            .GroupBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Merges the environment over the file: a variable set in the environment wins.</summary>
    public static IReadOnlyDictionary<string, string> Merge(IDictionary environment, IReadOnlyDictionary<string, string> dotEnv)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(dotEnv);
        var merged = new Dictionary<string, string>(dotEnv, StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && entry.Value is string value && value.Length > 0)
            {
                merged[name] = value;
            }
        }
        return merged;
    }
}
