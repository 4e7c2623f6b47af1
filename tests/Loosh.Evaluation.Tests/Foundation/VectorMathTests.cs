using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Tests.Foundation;

/// <summary>VectorMath and EmbeddedTexts: the arithmetic and lookup every scorer relies on.</summary>
public sealed class VectorMathTests
{
    [Fact]
    public void Dot_cosine_norm_and_distance()
    {
        float[] a = [3, 4];
        float[] b = [4, 3];
        Assert.Equal(24.0, VectorMath.Dot(a, b));
        Assert.Equal(5.0, VectorMath.Norm(a));
        Assert.Equal(24.0 / 25.0, VectorMath.Cosine(a, b), 12);
        Assert.Equal(Math.Sqrt(2), VectorMath.Distance(a, b), 12);
        Assert.Equal(0.0, VectorMath.Cosine(a, [0, 0]));
        Assert.Throws<ArgumentException>(() => VectorMath.Dot(a, [1, 2, 3]));
    }

    [Fact]
    public void Normalize_and_mean()
    {
        Assert.Equal([0.6f, 0.8f], VectorMath.Normalize([3, 4]));
        Assert.Equal([0f, 0f], VectorMath.Normalize([0, 0]));
        Assert.Equal([2f, 3f], VectorMath.Mean([[1, 2], [3, 4]]));
        Assert.Throws<ArgumentException>(() => VectorMath.Mean([]));
    }

    [Fact]
    public void Similarity_matrix_is_symmetric_with_a_unit_diagonal()
    {
        float[][] vectors = [[1, 0], [0.6f, 0.8f], [0, 1]];
        var matrix = VectorMath.SimilarityMatrix(vectors);
        Assert.Equal(1.0, matrix[1, 1]);
        Assert.Equal(0.6, matrix[0, 1], 6);
        Assert.Equal(matrix[0, 1], matrix[1, 0]);
        Assert.Equal(0.0, matrix[0, 2]);
    }

    [Fact]
    public async Task Embedded_texts_embed_each_distinct_text_once()
    {
        var embedder = new CountingEmbedder();
        var table = await EmbeddedTexts.CreateAsync(embedder, ["b", "a", "b", "a", "c"]);
        Assert.Equal(3, table.Count);
        Assert.Equal(["b", "a", "c"], embedder.Seen);
        Assert.Equal([1f, 0f], table["b"]);
        Assert.True(table.Contains("c"));
        Assert.Throws<KeyNotFoundException>(() => table["d"]);
    }

    [Fact]
    public void Hand_made_tables_require_equal_lengths()
    {
        Assert.Throws<ArgumentException>(() => EmbeddedTexts.FromVectors(new Dictionary<string, float[]> { ["a"] = [1], ["b"] = [1, 0] }));
        Assert.Equal(2, EmbeddedTexts.FromVectors(new Dictionary<string, float[]> { ["a"] = [1, 0] }).Dimensions);
    }

    /// <summary>Records what it was asked to embed; vector i is the unit vector at angle i·30°.</summary>
    private sealed class CountingEmbedder : ITextEmbedder
    {
        public List<string> Seen { get; } = [];

        public int Dimensions => 2;

        public string ModelName => "counting";

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Seen.AddRange(texts);
            return Task.FromResult(texts.Select((_, i) => new[] { (float)Math.Cos(i * Math.PI / 6), (float)Math.Sin(i * Math.PI / 6) }).ToArray());
        }
    }
}
