using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Sybil;

/// <summary>One k-means clustering: the centroids, each point's cluster, and the sum of squared distances.</summary>
/// <param name="Centroids">The cluster centres, in the order the seeding chose them.</param>
/// <param name="Labels">For each point, the index of its centroid.</param>
/// <param name="Inertia">Sum of squared Euclidean distances from each point to its centroid.</param>
public sealed record KMeansResult(IReadOnlyList<float[]> Centroids, IReadOnlyList<int> Labels, double Inertia);

/// <summary>
/// Deterministic k-means in the manner of scikit-learn's <c>KMeans(n_clusters=k, n_init=restarts,
/// random_state=seed)</c>, which the reference uses for sentence trajectories (evaluation.md §7.5): greedy k-means++
/// seeding, Lloyd iterations, the restart with the lowest inertia wins. scikit-learn's random stream (NumPy's
/// Mersenne Twister behind <c>RandomState</c>) is not replicated, so centroids can differ from the reference's where
/// k-means has several local optima; the spec accepts any deterministic k-means. Equal inputs always give equal
/// results here.
/// </summary>
public static class KMeans
{
    /// <summary>Lloyd iterations before giving up on convergence (scikit-learn's <c>max_iter</c> default).</summary>
    public const int DefaultMaxIterations = 300;

    /// <summary>
    /// Clusters <paramref name="points"/> into <paramref name="k"/> clusters. All restarts draw from one random
    /// stream seeded with <paramref name="seed"/>; a later restart replaces the best so far only with strictly lower
    /// inertia.
    /// </summary>
    public static KMeansResult Fit(IReadOnlyList<float[]> points, int k, ulong seed, int restarts, int maxIterations = DefaultMaxIterations)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, points.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        var random = new SplitMix64(seed);
        KMeansResult? best = null;
        for (var restart = 0; restart < restarts; restart++)
        {
            var result = Lloyd(points, SeedPlusPlus(points, k, random), maxIterations);
            if (best is null || result.Inertia < best.Inertia)
            {
                best = result;
            }
        }
        return best!;
    }

    /// <summary>
    /// Greedy k-means++ as scikit-learn does it: the first centre uniformly at random; each further centre is the
    /// best (lowest resulting potential) of <c>2 + ⌊ln k⌋</c> candidates drawn with probability proportional to
    /// their squared distance to the nearest chosen centre. Equal potentials keep the earlier candidate.
    /// </summary>
    private static List<float[]> SeedPlusPlus(IReadOnlyList<float[]> points, int k, SplitMix64 random)
    {
        var first = points[random.NextIndex(points.Count)];
        var centres = new List<float[]>(k) { first };
        var closest = points.Select(p => SquaredDistance(p, first)).ToArray();
        var trials = 2 + (int)Math.Log(k);
        while (centres.Count < k)
        {
            var total = closest.Sum();
            var (bestPotential, bestCandidate, bestClosest) = (double.PositiveInfinity, -1, closest);
            for (var trial = 0; trial < trials; trial++)
            {
                var candidate = SampleProportional(closest, random.NextDouble() * total);
                var distances = new double[points.Count];
                var potential = 0.0;
                for (var p = 0; p < points.Count; p++)
                {
                    distances[p] = Math.Min(closest[p], SquaredDistance(points[p], points[candidate]));
                    potential += distances[p];
                }
                if (potential < bestPotential)
                {
                    (bestPotential, bestCandidate, bestClosest) = (potential, candidate, distances);
                }
            }
            centres.Add(points[bestCandidate]);
            closest = bestClosest;
        }
        return centres;
    }

    /// <summary>
    /// The first index whose running weight sum exceeds <paramref name="target"/>. When none does (every weight is
    /// zero because all points coincide with chosen centres, or rounding at the top end) the last index is used, as
    /// scikit-learn clips its search to the last point; any point is then as good as another.
    /// </summary>
    private static int SampleProportional(double[] weights, double target)
    {
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (cumulative > target)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    /// <summary>
    /// Lloyd's algorithm until no point changes cluster (a fixed point; scikit-learn also stops early on a small
    /// centre shift, which only saves iterations) or <paramref name="maxIterations"/> updates. A cluster that loses
    /// all its points keeps its previous centre (scikit-learn moves it to a far point instead; with distinct sentence
    /// embeddings and k no larger than the number of sentences this does not arise in practice).
    /// </summary>
    private static KMeansResult Lloyd(IReadOnlyList<float[]> points, List<float[]> centres, int maxIterations)
    {
        var labels = Assign(points, centres);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            for (var c = 0; c < centres.Count; c++)
            {
                var members = points.Where((_, p) => labels[p] == c).ToList();
                if (members.Count > 0)
                {
                    centres[c] = VectorMath.Mean(members);
                }
            }
            var next = Assign(points, centres);
            if (next.AsSpan().SequenceEqual(labels))
            {
                break;
            }
            labels = next;
        }
        var inertia = 0.0;
        for (var p = 0; p < points.Count; p++)
        {
            inertia += SquaredDistance(points[p], centres[labels[p]]);
        }
        return new KMeansResult(centres, labels, inertia);
    }

    /// <summary>Each point's nearest centre; equally near centres go to the lower index.</summary>
    private static int[] Assign(IReadOnlyList<float[]> points, List<float[]> centres)
    {
        var labels = new int[points.Count];
        for (var p = 0; p < points.Count; p++)
        {
            var nearest = double.PositiveInfinity;
            for (var c = 0; c < centres.Count; c++)
            {
                var distance = SquaredDistance(points[p], centres[c]);
                if (distance < nearest)
                {
                    (nearest, labels[p]) = (distance, c);
                }
            }
        }
        return labels;
    }

    private static double SquaredDistance(float[] a, float[] b)
    {
        var distance = VectorMath.Distance(a, b);
        return distance * distance;
    }
}
