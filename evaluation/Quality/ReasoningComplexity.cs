using Loosh.Evaluation.Clustering;
using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Quality;

/// <summary>
/// Reasoning complexity (evaluation.md §3.2 item 7): rewards answers whose sentences form about four distinct
/// semantic steps without repeating themselves, but only for answers that are already relevant and coherent.
/// </summary>
public static class ReasoningComplexity
{
    /// <summary>Relevance below which complexity is 0 (reference <c>QUALITY_COMPLEXITY_RELEVANCE_GATE</c>, §10).</summary>
    public const double RelevanceGate = 0.4;

    /// <summary>Coherence below which complexity is 0 (reference <c>QUALITY_COMPLEXITY_COHERENCE_GATE</c>, §10).</summary>
    public const double CoherenceGate = 0.3;

    /// <summary>Number of semantic steps that earns the full step score (reference <c>QUALITY_COMPLEXITY_TARGET_STEPS</c>, §10).</summary>
    public const int TargetSteps = 4;

    /// <summary>Width of the Gaussian step reward (reference <c>QUALITY_COMPLEXITY_SCALE</c>, §10).</summary>
    public const double Scale = 2.0;

    /// <summary>
    /// Euclidean average-linkage distance at or above which sentence clusters stay apart (reference
    /// <c>QUALITY_COMPLEXITY_DISTANCE_THRESHOLD</c>, §10); for unit vectors, cosine below about 0.755.
    /// </summary>
    public const double DistanceThreshold = 0.7;

    /// <summary>Weight of the step score (reference <c>QUALITY_COMPLEXITY_STEP_WEIGHT</c>, §10).</summary>
    public const double StepWeight = 0.6;

    /// <summary>Weight of novelty (reference <c>QUALITY_COMPLEXITY_NOVELTY_WEIGHT</c>, §10).</summary>
    public const double NoveltyWeight = 0.4;

    /// <summary>Decay of the marker score per marker per sentence (reference hard-codes 1.3).</summary>
    public const double MarkerDecay = 1.3;

    /// <summary>Bonus per marker type beyond the first in the marker fallback (reference hard-codes 0.05).</summary>
    public const double VarietyBonusPerType = 0.05;

    /// <summary>Cap on the variety bonus (reference hard-codes 0.15).</summary>
    public const double MaxVarietyBonus = 0.15;

    /// <summary>
    /// The gated complexity of one answer: 0 when <paramref name="relevance"/> &lt; 0.4 or
    /// <paramref name="coherence"/> &lt; 0.3; with one kept sentence, the marker score of the whole answer
    /// (<c>1 − exp(−1.3·markers)</c>, 0 without markers); with none, 0; with two or more, the embedding score
    /// when <paramref name="sentenceVectors"/> are given, else the marker fallback.
    /// </summary>
    /// <remarks>
    /// The spec says the single sentence "contains" the markers; the reference counts them over the whole answer,
    /// including pieces too short to be kept as sentences, and so does this port.
    /// </remarks>
    /// <param name="answer">The answer text.</param>
    /// <param name="sentenceCount">Number of kept sentences of the answer.</param>
    /// <param name="sentenceVectors">Their unit-length embeddings, or null when they are not available.</param>
    /// <param name="relevance">The answer's blended relevance.</param>
    /// <param name="coherence">The answer's coherence.</param>
    public static double Score(string answer, int sentenceCount, IReadOnlyList<float[]>? sentenceVectors, double relevance, double coherence)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (relevance < RelevanceGate || coherence < CoherenceGate)
        {
            return 0.0;
        }
        if (sentenceCount < 2)
        {
            return sentenceCount == 1 ? MarkerScore(DiscourseMarkers.Count(answer), 1) : 0.0;
        }
        return sentenceVectors is { Count: >= 2 } ? FromEmbeddings(sentenceVectors) : FromMarkers(answer, sentenceCount);
    }

    /// <summary>
    /// <c>clip₀¹(0.6·step + 0.4·novelty)</c>: the sentences are clustered by average linkage on Euclidean distance
    /// with a cut at 0.7, <c>step = exp(−((clusters − 4)/2)²)</c>, and novelty = <c>max(0, 1 − mean pairwise
    /// cosine)</c>.
    /// </summary>
    /// <param name="sentences">Unit-length sentence embeddings, at least two.</param>
    public static double FromEmbeddings(IReadOnlyList<float[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentOutOfRangeException.ThrowIfLessThan(sentences.Count, 2);

        var n = sentences.Count;
        var distances = new double[n, n];
        var similaritySum = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                distances[i, j] = distances[j, i] = VectorMath.Distance(sentences[i], sentences[j]);
                similaritySum += VectorMath.Dot(sentences[i], sentences[j]);
            }
        }
        var steps = AverageLinkage.Cluster(distances, DistanceThreshold).Count;
        var redundancy = similaritySum / (n * (n - 1) / 2);
        var novelty = Math.Max(0.0, 1.0 - redundancy);
        return Math.Clamp(StepWeight * StepScore(steps) + NoveltyWeight * novelty, 0.0, 1.0);
    }

    /// <summary>The Gaussian step reward <c>exp(−((steps − 4)/2)²)</c>: 1 at four steps.</summary>
    public static double StepScore(int steps)
    {
        var offset = (steps - TargetSteps) / Scale;
        return Math.Exp(-(offset * offset));
    }

    /// <summary>
    /// The fallback when sentence embeddings are missing: <c>clip₀¹(1 − exp(−1.3·markers/sentences))</c> plus
    /// <c>min(0.15, 0.05·max(0, types present − 1))</c>, clipped, where markers are counted whole-word and types
    /// by substring (<see cref="DiscourseMarkers.TypesPresent"/>), as the reference does.
    /// </summary>
    public static double FromMarkers(string answer, int sentenceCount)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentOutOfRangeException.ThrowIfLessThan(sentenceCount, 1);
        var density = MarkerScore(DiscourseMarkers.Count(answer), sentenceCount);
        var variety = Math.Min(MaxVarietyBonus, Math.Max(0, DiscourseMarkers.TypesPresent(answer) - 1) * VarietyBonusPerType);
        return Math.Clamp(density + variety, 0.0, 1.0);
    }

    private static double MarkerScore(int markers, int sentences) =>
        Math.Clamp(1.0 - Math.Exp(-MarkerDecay * ((double)markers / sentences)), 0.0, 1.0);
}
