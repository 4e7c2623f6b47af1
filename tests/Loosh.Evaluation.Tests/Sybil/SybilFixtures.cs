using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Sybil;

namespace Loosh.Evaluation.Tests.Sybil;

/// <summary>Hand-made inputs for the sybil tests: similarity matrices, vectors with known cosines, and texts.</summary>
internal static class SybilFixtures
{
    /// <summary>Four one-sentence prose answers on unrelated topics: no shared content words, near-identical shape.</summary>
    public static readonly string[] Prose =
    [
        "Photosynthesis converts sunlight into chemical energy inside green plant leaves every day.",
        "Volcanic eruptions release molten rock, ash and gases from deep beneath the crust of planets.",
        "Medieval castles were built with thick stone walls to protect nobles during long sieges.",
        "Modern jazz musicians often improvise complex melodies over shifting harmonic progressions.",
    ];

    /// <summary>An answer shaped unlike prose: numbered line, bullets and a code block.</summary>
    public const string Structured = "1. Whisk the batter\n- add cold milk\n- fold slowly\n```\nbake(180)\n```";

    /// <summary>A symmetric matrix with a unit diagonal, the given upper-triangle entries and zeros elsewhere.</summary>
    public static double[,] Matrix(int n, params (int I, int J, double S)[] entries)
    {
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            matrix[i, i] = 1.0;
        }
        foreach (var (i, j, s) in entries)
        {
            matrix[i, j] = s;
            matrix[j, i] = s;
        }
        return matrix;
    }

    /// <summary>The same value off the diagonal everywhere.</summary>
    public static double[,] Uniform(int n, double s)
    {
        var matrix = Matrix(n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[i, j] = i == j ? 1.0 : s;
            }
        }
        return matrix;
    }

    /// <summary>E12's four similarities with s₀₁ as given (evaluation.md §13).</summary>
    public static double[,] E12(double s01) =>
        Matrix(4, (0, 1, s01), (0, 2, 0.70), (0, 3, 0.72), (1, 2, 0.71), (1, 3, 0.69), (2, 3, 0.60));

    public static SybilAnswer[] Answers(params string[] texts) =>
        [.. texts.Select((text, i) => new SybilAnswer($"hk{i}", text))];

    public static EmbeddedTexts NoSentences => EmbeddedTexts.FromVectors(new Dictionary<string, float[]>());
}
