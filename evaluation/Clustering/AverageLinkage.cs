namespace Loosh.Evaluation.Clustering;

/// <summary>
/// Agglomerative clustering with average linkage and a distance cut, as scikit-learn's
/// <c>AgglomerativeClustering(n_clusters=None, linkage="average", distance_threshold=t)</c> that the reference uses
/// for the dominant consensus cluster (1 − cos, cut 0.5; evaluation.md §4 step 3) and for complexity (Euclidean, cut
/// 0.7; §3.2). Two clusters merge while their mean pairwise distance is below the cut. Average linkage never
/// produces inversions, so stopping at the first merge at or above the cut equals cutting the full tree there.
/// </summary>
public static class AverageLinkage
{
    /// <summary>
    /// Clusters items given their symmetric pairwise distances. Returns the clusters as lists of item indices, each
    /// list ascending, in the order the clusters were formed: singletons that never merged keep their item position,
    /// a merged cluster takes the place of its lower-indexed part. Among equally close cluster pairs the one with
    /// the lowest indices merges first, so the result does not depend on anything but the input.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> Cluster(double[,] distances, double cut)
    {
        ArgumentNullException.ThrowIfNull(distances);
        var n = distances.GetLength(0);
        if (distances.GetLength(1) != n)
        {
            throw new ArgumentException("The distance matrix must be square.", nameof(distances));
        }
        var clusters = new List<List<int>>(n);
        for (var i = 0; i < n; i++)
        {
            clusters.Add([i]);
        }

        while (clusters.Count > 1)
        {
            var (bestA, bestB, bestDistance) = (-1, -1, double.PositiveInfinity);
            for (var a = 0; a < clusters.Count; a++)
            {
                for (var b = a + 1; b < clusters.Count; b++)
                {
                    var distance = MeanDistance(distances, clusters[a], clusters[b]);
                    if (distance < bestDistance)
                    {
                        (bestA, bestB, bestDistance) = (a, b, distance);
                    }
                }
            }
            if (!(bestDistance < cut))
            {
                break;
            }
            clusters[bestA].AddRange(clusters[bestB]);
            clusters[bestA].Sort();
            clusters.RemoveAt(bestB);
        }
        return clusters;
    }

    /// <summary>Mean distance over all cross pairs, summed in index order.</summary>
    private static double MeanDistance(double[,] distances, List<int> first, List<int> second)
    {
        var sum = 0.0;
        foreach (var i in first)
        {
            foreach (var j in second)
            {
                sum += distances[i, j];
            }
        }
        return sum / (first.Count * second.Count);
    }
}
