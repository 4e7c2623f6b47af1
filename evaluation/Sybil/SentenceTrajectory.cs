using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Sybil;

/// <summary>
/// The sentence-trajectory view (evaluation.md §7.5): an answer's sentence embeddings are clustered into five
/// groups and the centroids, put in a canonical order, form a fingerprint; two answers whose fingerprints point the
/// same way were probably written from the same plan even when reworded.
/// </summary>
public static class SentenceTrajectory
{
    /// <summary>
    /// The fingerprint of one answer: k-means (k = 5, three restarts, seed 42) over its sentence vectors, centroids
    /// ordered by Euclidean length. Null when there are fewer sentences than clusters. Centroids of equal length
    /// keep their k-means order (the reference's <c>argsort</c> leaves that order unspecified).
    /// </summary>
    public static IReadOnlyList<float[]>? Fingerprint(IReadOnlyList<float[]> sentenceVectors)
    {
        ArgumentNullException.ThrowIfNull(sentenceVectors);
        if (sentenceVectors.Count < SybilDetector.TrajectoryClusters)
        {
            return null;
        }
        var clustering = KMeans.Fit(sentenceVectors, SybilDetector.TrajectoryClusters, SybilDetector.TrajectorySeed, SybilDetector.TrajectoryRestarts);
        return [.. clustering.Centroids.Select((centroid, index) => (Centroid: centroid, Index: index, Norm: VectorMath.Norm(centroid)))
            .OrderBy(entry => entry.Norm)
            .ThenBy(entry => entry.Index)
            .Select(entry => entry.Centroid)];
    }

    /// <summary>Mean cosine between corresponding centroids of two fingerprints (a zero centroid counts as 0).</summary>
    public static double Similarity(IReadOnlyList<float[]> first, IReadOnlyList<float[]> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count || first.Count == 0)
        {
            throw new ArgumentException("Fingerprints must have the same, non-zero number of centroids.", nameof(second));
        }
        var sum = 0.0;
        for (var c = 0; c < first.Count; c++)
        {
            sum += VectorMath.Cosine(first[c], second[c]);
        }
        return sum / first.Count;
    }
}
