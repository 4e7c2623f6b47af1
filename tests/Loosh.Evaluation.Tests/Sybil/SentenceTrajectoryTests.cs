using Loosh.Evaluation.Sybil;
using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Tests.Sybil;

/// <summary>KMeans and SentenceTrajectory: deterministic clustering and fingerprints (evaluation.md §7.5).</summary>
public sealed class SentenceTrajectoryTests
{
    /// <summary>
    /// Six unit sentence vectors: 0 and 1 at cosine 0.9, every other pair at 0.1. Squared distances are 2 − 2·cos:
    /// 0.2 for (0, 1), 1.8 otherwise, so five clusters merge 0 and 1 and keep the rest alone.
    /// </summary>
    internal static float[][] SixSentences()
    {
        var gram = new double[6, 6];
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                gram[i, j] = i == j ? 1.0 : 0.1;
            }
        }
        gram[0, 1] = gram[1, 0] = 0.9;
        return GramVectors.Rows(gram);
    }

    [Fact]
    public void Two_well_separated_pairs_of_points_give_their_means()
    {
        float[][] points = [[0, 0], [0, 1], [10, 0], [10, 1]];

        var result = KMeans.Fit(points, k: 2, seed: 42, restarts: 3);

        // Centres (0, 0.5) and (10, 0.5); each point is 0.5 from its centre: inertia 4·0.25 = 1.
        var centres = result.Centroids.OrderBy(c => c[0]).ToArray();
        Assert.Equal([0f, 0.5f], centres[0]);
        Assert.Equal([10f, 0.5f], centres[1]);
        Assert.Equal(1.0, result.Inertia, 1e-9);
        Assert.Equal(result.Labels[0], result.Labels[1]);
        Assert.Equal(result.Labels[2], result.Labels[3]);
        Assert.NotEqual(result.Labels[0], result.Labels[2]);
    }

    [Fact]
    public void The_same_input_twice_gives_the_same_fingerprint()
    {
        var first = SentenceTrajectory.Fingerprint(SixSentences());
        var second = SentenceTrajectory.Fingerprint(SixSentences());

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(first.Count, second.Count);
        for (var c = 0; c < first.Count; c++)
        {
            Assert.Equal(first[c], second[c]);
        }
    }

    [Fact]
    public void The_fingerprint_merges_the_closest_sentences_and_puts_their_shorter_centroid_first()
    {
        var fingerprint = SentenceTrajectory.Fingerprint(SixSentences());

        Assert.NotNull(fingerprint);
        Assert.Equal(5, fingerprint.Count);
        // |(v0 + v1)/2|² = (1 + 1 + 2·0.9)/4 = 0.95; the four single-sentence centroids keep length 1.
        Assert.Equal(Math.Sqrt(0.95), VectorMath.Norm(fingerprint[0]), 1e-6);
        Assert.All(fingerprint.Skip(1), c => Assert.Equal(1.0, VectorMath.Norm(c), 1e-6));
    }

    [Fact]
    public void Fewer_sentences_than_clusters_give_no_fingerprint()
    {
        Assert.Null(SentenceTrajectory.Fingerprint(SixSentences()[..4]));
    }

    [Fact]
    public void Identical_fingerprints_have_similarity_one_and_orthogonal_ones_zero()
    {
        var fingerprint = SentenceTrajectory.Fingerprint(SixSentences())!;
        var orthogonal = SentenceTrajectory.Fingerprint([.. SixSentences().Select(v => GramVectors.Padded(v, 6, 12))])!;
        var padded = SentenceTrajectory.Fingerprint([.. SixSentences().Select(v => GramVectors.Padded(v, 0, 12))])!;

        Assert.Equal(1.0, SentenceTrajectory.Similarity(fingerprint, fingerprint), 1e-6);
        Assert.Equal(0.0, SentenceTrajectory.Similarity(padded, orthogonal), 1e-12);
    }
}
