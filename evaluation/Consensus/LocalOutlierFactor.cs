using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Consensus;

/// <summary>
/// The Local Outlier Factor as scikit-learn's <c>LocalOutlierFactor(n_neighbors=k).fit_predict</c> computes it on
/// the training points themselves (evaluation.md §4 step 2): Euclidean distances, the k nearest other points,
/// reachability distances and local reachability densities with scikit-learn's 1e-10 guard.
/// </summary>
internal static class LocalOutlierFactor
{
    /// <summary>scikit-learn adds this to the mean reachability distance so identical points do not divide by 0.</summary>
    private const double DensityGuard = 1e-10;

    /// <summary>
    /// The LOF of every point. A point's neighbours are the k other points nearest to it; among equally distant ones
    /// the lower index is taken (scikit-learn leaves that order to its search tree), so the result depends only on
    /// the input. Needs more than k points.
    /// </summary>
    public static double[] Compute(IReadOnlyList<float[]> points, int neighbours)
    {
        var n = points.Count;
        if (neighbours < 1 || neighbours >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbours), $"Need 1 ≤ k < {n} points, got k = {neighbours}.");
        }
        var distances = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                distances[i, j] = distances[j, i] = VectorMath.Distance(points[i], points[j]);
            }
        }

        var nearest = new int[n][];
        var kDistance = new double[n];
        for (var i = 0; i < n; i++)
        {
            nearest[i] = NearestOthers(distances, i, neighbours);
            kDistance[i] = distances[i, nearest[i][^1]];
        }

        var density = new double[n];
        for (var i = 0; i < n; i++)
        {
            var reach = nearest[i].Average(o => Math.Max(kDistance[o], distances[i, o]));
            density[i] = 1.0 / (reach + DensityGuard);
        }

        var factors = new double[n];
        for (var i = 0; i < n; i++)
        {
            factors[i] = nearest[i].Average(o => density[o] / density[i]);
        }
        return factors;
    }

    private static int[] NearestOthers(double[,] distances, int point, int count) =>
        Enumerable.Range(0, distances.GetLength(0))
            .Where(other => other != point)
            .OrderBy(other => distances[point, other])
            .ThenBy(other => other)
            .Take(count)
            .ToArray();
}
