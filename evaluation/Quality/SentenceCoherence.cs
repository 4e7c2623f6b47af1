using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Quality;

/// <summary>
/// Embedding-chain coherence of an answer's sentences (evaluation.md §3.2 item 6): how well adjacent sentences
/// follow each other and how close each stays to the answer's centre, discounted for frequent topic breaks.
/// </summary>
public static class SentenceCoherence
{
    /// <summary>Weight of adjacent-sentence coherence (reference <c>QUALITY_COHERENCE_LOCAL_WEIGHT</c>, §10).</summary>
    public const double LocalWeight = 0.6;

    /// <summary>Weight of centroid coherence (reference <c>QUALITY_COHERENCE_GLOBAL_WEIGHT</c>, §10).</summary>
    public const double GlobalWeight = 0.4;

    /// <summary>Adjacent cosine below which a topic break is counted (reference <c>QUALITY_BREAK_THRESHOLD</c>, §10).</summary>
    public const double BreakThreshold = 0.25;

    /// <summary>Break rate above which coherence is discounted (reference hard-codes 0.3).</summary>
    public const double TolerableBreakRate = 0.3;

    /// <summary>Smallest factor the break discount applies (reference hard-codes 0.5).</summary>
    public const double MinBreakFactor = 0.5;

    /// <summary>
    /// <c>coh = 0.6·local + 0.4·global</c>, where local = mean cosine of adjacent sentences and global = mean
    /// cosine of each sentence to the sentences' centroid, each clipped to [0, 1]; when more than 30 % of the
    /// adjacent pairs are breaks, <c>coh</c> is multiplied by <c>max(0.5, 1 − break rate)</c>.
    /// </summary>
    /// <param name="sentences">Unit-length sentence embeddings in text order, at least two.</param>
    public static double Score(IReadOnlyList<float[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentOutOfRangeException.ThrowIfLessThan(sentences.Count, 2);

        var pairs = sentences.Count - 1;
        var adjacentSum = 0.0;
        var breaks = 0;
        for (var i = 0; i < pairs; i++)
        {
            var similarity = VectorMath.Dot(sentences[i], sentences[i + 1]);
            adjacentSum += similarity;
            if (similarity < BreakThreshold)
            {
                breaks++;
            }
        }
        var local = Math.Clamp(adjacentSum / pairs, 0.0, 1.0);

        // The reference normalises the centroid before taking cosines; a cosine does not depend on the length
        // of its arguments, so the unnormalised mean gives the same values without another copy.
        var centroid = VectorMath.Mean(sentences);
        var centroidSum = 0.0;
        foreach (var sentence in sentences)
        {
            centroidSum += VectorMath.Cosine(sentence, centroid);
        }
        var global = Math.Clamp(centroidSum / sentences.Count, 0.0, 1.0);

        var coherence = LocalWeight * local + GlobalWeight * global;
        var breakRate = (double)breaks / pairs;
        if (breakRate > TolerableBreakRate)
        {
            coherence *= Math.Max(MinBreakFactor, 1.0 - breakRate);
        }
        return coherence;
    }
}
