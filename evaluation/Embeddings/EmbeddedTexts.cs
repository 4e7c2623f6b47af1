namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// The embeddings one evaluation needs, looked up by text. An evaluation first gathers every text it will compare
/// (answers, prompt, sentences, prompt components), embeds each distinct text once, and then scores synchronously
/// against this table — so identical texts cost one model pass and the scoring code never waits on the model.
/// </summary>
public sealed class EmbeddedTexts
{
    private readonly Dictionary<string, float[]> _vectors;

    private EmbeddedTexts(Dictionary<string, float[]> vectors, int dimensions)
    {
        _vectors = vectors;
        Dimensions = dimensions;
    }

    /// <summary>Length of every vector in the table.</summary>
    public int Dimensions { get; }

    /// <summary>Number of distinct texts embedded.</summary>
    public int Count => _vectors.Count;

    /// <summary>Embeds the distinct texts among <paramref name="texts"/> in one call to the embedder.</summary>
    public static async Task<EmbeddedTexts> CreateAsync(ITextEmbedder embedder, IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(texts);
        var distinct = texts.Distinct(StringComparer.Ordinal).ToArray();
        var vectors = distinct.Length == 0 ? [] : await embedder.EmbedAsync(distinct, cancellationToken).ConfigureAwait(false);
        if (vectors.Length != distinct.Length)
        {
            throw new InvalidOperationException($"The embedder returned {vectors.Length} vectors for {distinct.Length} texts.");
        }
        var table = new Dictionary<string, float[]>(distinct.Length, StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            table[distinct[i]] = vectors[i];
        }
        return new EmbeddedTexts(table, embedder.Dimensions);
    }

    /// <summary>A table from vectors chosen by hand (tests and worked examples); vectors are used as given.</summary>
    public static EmbeddedTexts FromVectors(IReadOnlyDictionary<string, float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var table = new Dictionary<string, float[]>(vectors, StringComparer.Ordinal);
        var dimensions = table.Count == 0 ? 0 : table.Values.First().Length;
        if (table.Values.Any(v => v.Length != dimensions))
        {
            throw new ArgumentException("Every vector must have the same length.", nameof(vectors));
        }
        return new EmbeddedTexts(table, dimensions);
    }

    /// <summary>The vector of <paramref name="text"/>, which must have been embedded.</summary>
    /// <exception cref="KeyNotFoundException">The text was not part of this evaluation's batch.</exception>
    public float[] this[string text] =>
        _vectors.TryGetValue(text, out var vector)
            ? vector
            : throw new KeyNotFoundException($"No embedding for a text of {text.Length} characters; it was not gathered before embedding.");

    /// <summary>True when <paramref name="text"/> was embedded.</summary>
    public bool Contains(string text) => _vectors.ContainsKey(text);
}
