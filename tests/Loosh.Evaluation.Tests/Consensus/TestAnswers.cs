using Loosh.Evaluation.Consensus;

namespace Loosh.Evaluation.Tests.Consensus;

/// <summary>Builds consensus inputs from a cosine matrix; hotkeys are the UIDs as text.</summary>
internal static class TestAnswers
{
    /// <summary>E1–E3's similarities: s₁₂ = 0.9, s₁₃ = 0.8, s₂₃ = 0.7.</summary>
    public static double[,] E1Gram => new[,] { { 1.0, 0.9, 0.8 }, { 0.9, 1.0, 0.7 }, { 0.8, 0.7, 1.0 } };

    /// <summary>
    /// One answer per row of <paramref name="gram"/>; <paramref name="qualities"/>, <paramref name="entityWeights"/>
    /// and <paramref name="words"/> default to none, unknown and 50 words each.
    /// </summary>
    public static ConsensusAnswer[] Build(
        double[,] gram,
        int[] uids,
        double[]? qualities = null,
        double[]? entityWeights = null,
        int[]? words = null)
    {
        var embeddings = Gram.Embeddings(gram);
        return uids.Select((uid, i) => new ConsensusAnswer(
            uid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            uid,
            embeddings[i],
            qualities?[i],
            entityWeights?[i],
            words?[i] ?? 50)).ToArray();
    }

    /// <summary>Uniform values, for qualities and weights.</summary>
    public static double[] Repeat(double value, int count) => Enumerable.Repeat(value, count).ToArray();
}
