using System.Collections.Frozen;

namespace Loosh.Evaluation.Text;

/// <summary>The stop words the reference's TF-IDF removes: scikit-learn's English list, embedded as a resource.</summary>
public static class EnglishStopWords
{
    private const string ResourceName = "Loosh.Evaluation.Text.english-stop-words.txt";

    /// <summary>The 317 distinct stop words, lower case.</summary>
    public static FrozenSet<string> All { get; } = Load();

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(EnglishStopWords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line);
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
