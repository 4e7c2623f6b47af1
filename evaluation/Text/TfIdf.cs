using System.Text.RegularExpressions;

namespace Loosh.Evaluation.Text;

/// <summary>
/// A TF-IDF model fitted on one small corpus, matching scikit-learn's
/// <c>TfidfVectorizer(stop_words="english", ngram_range=(1, 2), max_features=5000)</c> as the reference uses it for
/// keyword coverage (evaluation.md §3.2) and the lexical sybil view (§7.4): lower-casing, tokens of two or more word
/// characters, stop words removed before forming bigrams, raw term counts, smooth idf
/// <c>ln((1 + n)/(1 + df)) + 1</c>, rows scaled to unit length.
/// </summary>
public sealed partial class TfIdf
{
    /// <summary>The reference's feature cap.</summary>
    public const int DefaultMaxFeatures = 5000;

    private readonly (int Term, double Weight)[][] _rows;

    private TfIdf(string[] vocabulary, (int, double)[][] rows)
    {
        Vocabulary = vocabulary;
        _rows = rows;
    }

    /// <summary>The kept terms (unigrams and space-joined bigrams) in ordinal order; row entries index into it.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Number of documents the model was fitted on.</summary>
    public int DocumentCount => _rows.Length;

    /// <summary>
    /// Fits the model on <paramref name="documents"/> and transforms them. When there are more distinct terms than
    /// <paramref name="maxFeatures"/>, the most frequent across the corpus are kept; ties (which scikit-learn breaks by
    /// an unstable sort) go to the ordinal-first term, so the result is deterministic.
    /// </summary>
    public static TfIdf Fit(IReadOnlyList<string> documents, int maxFeatures = DefaultMaxFeatures)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFeatures, 1);
        var counts = documents.Select(CountTerms).ToArray();

        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in counts)
        {
            foreach (var (term, count) in document)
            {
                totals[term] = totals.GetValueOrDefault(term) + count;
            }
        }
        var kept = totals.Keys.Order(StringComparer.Ordinal).ToList();
        if (kept.Count > maxFeatures)
        {
            kept = [.. kept.OrderByDescending(t => totals[t]).ThenBy(t => t, StringComparer.Ordinal).Take(maxFeatures).Order(StringComparer.Ordinal)];
        }
        var index = new Dictionary<string, int>(kept.Count, StringComparer.Ordinal);
        for (var i = 0; i < kept.Count; i++)
        {
            index[kept[i]] = i;
        }

        var documentFrequency = new int[kept.Count];
        foreach (var document in counts)
        {
            foreach (var term in document.Keys)
            {
                if (index.TryGetValue(term, out var i))
                {
                    documentFrequency[i]++;
                }
            }
        }
        var idf = new double[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            idf[i] = Math.Log((1.0 + documents.Count) / (1.0 + documentFrequency[i])) + 1.0;
        }

        var rows = new (int, double)[documents.Count][];
        for (var d = 0; d < counts.Length; d++)
        {
            var row = counts[d]
                .Where(entry => index.ContainsKey(entry.Key))
                .Select(entry => (Term: index[entry.Key], Weight: entry.Value * idf[index[entry.Key]]))
                .OrderBy(entry => entry.Term)
                .ToArray();
            var norm = Math.Sqrt(row.Sum(entry => entry.Weight * entry.Weight));
            rows[d] = norm > 0 ? [.. row.Select(entry => (entry.Term, entry.Weight / norm))] : row;
        }
        return new TfIdf([.. kept], rows);
    }

    /// <summary>Cosine similarity of two fitted documents (their rows already have unit length; empty rows give 0).</summary>
    public double Cosine(int first, int second)
    {
        var a = _rows[first];
        var b = _rows[second];
        double sum = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i].Term == b[j].Term)
            {
                sum += a[i++].Weight * b[j++].Weight;
            }
            else if (a[i].Term < b[j].Term)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return sum;
    }

    /// <summary>
    /// The <paramref name="count"/> highest-weighted terms of one document with weight &gt; 0, highest first; equal
    /// weights in vocabulary order.
    /// </summary>
    public IReadOnlyList<string> TopTerms(int document, int count) =>
        [.. _rows[document]
            .Where(entry => entry.Weight > 0)
            .OrderByDescending(entry => entry.Weight)
            .ThenBy(entry => entry.Term)
            .Take(count)
            .Select(entry => Vocabulary[entry.Term])];

    /// <summary>Unigram and bigram counts of one document after lower-casing and stop-word removal.</summary>
    internal static Dictionary<string, int> CountTerms(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tokens = Token().Matches(document.ToLowerInvariant())
            .Select(match => match.Value)
            .Where(token => !EnglishStopWords.All.Contains(token))
            .ToArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            counts[tokens[i]] = counts.GetValueOrDefault(tokens[i]) + 1;
            if (i + 1 < tokens.Length)
            {
                var bigram = tokens[i] + " " + tokens[i + 1];
                counts[bigram] = counts.GetValueOrDefault(bigram) + 1;
            }
        }
        return counts;
    }

    /// <summary>scikit-learn's default token pattern <c>(?u)\b\w\w+\b</c>.</summary>
    [GeneratedRegex(@"\b\w\w+\b")]
    private static partial Regex Token();
}
