using System.Collections.Concurrent;
using Loosh.Evaluation.Embeddings;

namespace Loosh.Evaluation.Tests.Scoring;

/// <summary>Passes every call to a real embedder and records the texts of each call, to see what an evaluation embeds.</summary>
internal sealed class CountingEmbedder(ITextEmbedder inner) : ITextEmbedder
{
    private readonly ConcurrentQueue<string[]> _calls = new();

    public int Dimensions => inner.Dimensions;

    public string ModelName => inner.ModelName;

    /// <summary>The texts of every call so far, in call order.</summary>
    public IReadOnlyList<string[]> Calls => [.. _calls];

    /// <summary>How often each text was sent, over all calls.</summary>
    public IReadOnlyDictionary<string, int> TimesSent =>
        _calls.SelectMany(call => call).GroupBy(text => text, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue([.. texts]);
        return inner.EmbedAsync(texts, cancellationToken);
    }
}
