using System.IO.Hashing;
using System.Text;
using Loosh.Evaluation.Embeddings;

namespace Loosh.Bench.Pipeline;

/// <summary>
/// The pipeline bench's stand-in for the ONNX model, to measure what the pipeline costs apart from embeddings: each
/// word adds one to a dimension picked by its hash and the sum is normalised. Texts that share words still come out
/// similar, so consensus and sybil checks see structure, at almost no cost. Never used to score for real.
/// </summary>
internal sealed class WordHashEmbedder : ITextEmbedder
{
    private static readonly char[] Separators = [' ', '\n', '\r', '\t', '.', ',', ';', ':', '!', '?', '(', ')', '"', '\''];

    public int Dimensions => 384;

    public string ModelName => "word-hash (bench stand-in)";

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Task.FromResult(texts.Select(Embed).ToArray());
    }

    private float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            vector[XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(word)) % (uint)Dimensions] += 1;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            // A text without words still needs a unit vector.
            vector[0] = 1;
            return vector;
        }
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }
        return vector;
    }
}
