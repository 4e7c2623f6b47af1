using Loosh.Evaluation.Clustering;

namespace Loosh.Evaluation.Tests.Foundation;

/// <summary>AverageLinkage: average-linkage agglomeration with a distance cut.</summary>
public sealed class AverageLinkageTests
{
    private static double[,] Symmetric(int n, params (int I, int J, double D)[] entries)
    {
        var matrix = new double[n, n];
        foreach (var (i, j, d) in entries)
        {
            matrix[i, j] = d;
            matrix[j, i] = d;
        }
        return matrix;
    }

    [Fact]
    public void Merges_uses_the_mean_of_all_cross_distances()
    {
        // 0–1 merge first (0.1). Then {0,1}–2 has mean (0.4 + 0.7)/2 = 0.55 ≥ 0.5, so 2 stays alone even though
        // its distance to 0 alone is below the cut.
        var distances = Symmetric(3, (0, 1, 0.1), (0, 2, 0.4), (1, 2, 0.7));
        var clusters = AverageLinkage.Cluster(distances, 0.5);
        Assert.Equal(2, clusters.Count);
        Assert.Equal([0, 1], clusters[0]);
        Assert.Equal([2], clusters[1]);

        // With a cut above 0.55 everything joins.
        Assert.Equal([0, 1, 2], Assert.Single(AverageLinkage.Cluster(distances, 0.56)));
    }

    [Fact]
    public void A_distance_equal_to_the_cut_does_not_merge()
    {
        var clusters = AverageLinkage.Cluster(Symmetric(2, (0, 1, 0.5)), 0.5);
        Assert.Equal(2, clusters.Count);
    }

    [Fact]
    public void Equal_distances_merge_the_lowest_indices_first()
    {
        // All pairs at 0.2: (0,1) merges first, then {0,1}–2 at 0.2, so one cluster; with cut 0.2 nothing merges.
        var distances = Symmetric(3, (0, 1, 0.2), (0, 2, 0.2), (1, 2, 0.2));
        Assert.Equal([0, 1, 2], Assert.Single(AverageLinkage.Cluster(distances, 0.3)));

        // Four points, two tied closest pairs (0,3) and (1,2): (0,3) is found first and keeps position 0.
        var fourPoints = Symmetric(4, (0, 3, 0.1), (1, 2, 0.1), (0, 1, 0.9), (0, 2, 0.9), (1, 3, 0.9), (2, 3, 0.9));
        var clusters = AverageLinkage.Cluster(fourPoints, 0.5);
        Assert.Equal(2, clusters.Count);
        Assert.Equal([0, 3], clusters[0]);
        Assert.Equal([1, 2], clusters[1]);
    }

    [Fact]
    public void Empty_and_single_inputs()
    {
        Assert.Empty(AverageLinkage.Cluster(new double[0, 0], 0.5));
        Assert.Equal([0], Assert.Single(AverageLinkage.Cluster(new double[1, 1], 0.5)));
        Assert.Throws<ArgumentException>(() => AverageLinkage.Cluster(new double[2, 3], 0.5));
    }
}
