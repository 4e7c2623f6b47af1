namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// Turns texts into sentence embeddings. Every vector is L2-normalised, so the cosine of two texts is the dot
/// product of their vectors (evaluation.md §2). Implementations are safe to call concurrently.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>Length of every vector this embedder returns (384 for all-MiniLM-L6-v2).</summary>
    int Dimensions { get; }

    /// <summary>Name of the model, for logs and reports (e.g. <c>all-MiniLM-L6-v2</c>).</summary>
    string ModelName { get; }

    /// <summary>One unit-length vector per text, in the order given. Equal texts give bit-identical vectors.</summary>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
