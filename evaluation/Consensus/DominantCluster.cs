using Loosh.Evaluation.Clustering;

namespace Loosh.Evaluation.Consensus;

/// <summary>
/// Step 3 of the consensus engine (evaluation.md §4 step 3): average-linkage clusters on D = 1 − cos, and the one
/// with the largest entity-weighted vote.
/// </summary>
internal static class DominantCluster
{
    /// <summary>Votes or mean qualities this close (relative) count as equal, so 3 × ⅓ ties with 1 whatever the rounding.</summary>
    private const double TieTolerance = 1e-9;

    /// <summary>
    /// Clusters the answers at <paramref name="members"/> and returns all clusters (as input positions, ascending,
    /// in formation order) and the dominant one.
    /// </summary>
    public static (IReadOnlyList<IReadOnlyList<int>> Clusters, IReadOnlyList<int> Dominant) Find(
        AnswerSet answers, IReadOnlyList<int> members, double cut)
    {
        var distances = new double[members.Count, members.Count];
        for (var a = 0; a < members.Count; a++)
        {
            for (var b = 0; b < members.Count; b++)
            {
                distances[a, b] = 1.0 - answers.Similarities[members[a], members[b]];
            }
        }
        var clusters = AverageLinkage.Cluster(distances, cut)
            .Select(cluster => (IReadOnlyList<int>)cluster.Select(local => members[local]).ToArray())
            .ToArray();

        var dominant = clusters[0];
        foreach (var candidate in clusters.Skip(1))
        {
            if (IsPreferred(answers, candidate, dominant))
            {
                dominant = candidate;
            }
        }
        return (clusters, dominant);
    }

    /// <summary>
    /// The largest sum of entity weights wins (with every weight 1 that is the head count, as the reference does
    /// without caps). Deviation on ties: the reference's winner is the cluster whose dendrogram node scikit-learn
    /// created last, for singletons the last-listed answer, i.e. the slowest in nondeterministic completion order
    /// (§14 point 15). Here the tie goes to the higher mean quality (when qualities are in use), then to the cluster
    /// holding the lowest UID, then to the lowest input position, so every validator picks the same answers.
    /// </summary>
    private static bool IsPreferred(AnswerSet answers, IReadOnlyList<int> candidate, IReadOnlyList<int> current)
    {
        var byVote = Compare(Vote(answers, candidate), Vote(answers, current));
        if (byVote != 0)
        {
            return byVote > 0;
        }
        if (answers.Qualities is not null)
        {
            var byQuality = Compare(answers.MeanQuality(candidate), answers.MeanQuality(current));
            if (byQuality != 0)
            {
                return byQuality > 0;
            }
        }
        var byUid = LowestUid(answers, current).CompareTo(LowestUid(answers, candidate));
        return byUid != 0 ? byUid > 0 : candidate[0] < current[0];
    }

    private static double Vote(AnswerSet answers, IReadOnlyList<int> cluster) => cluster.Sum(i => answers.EntityWeights[i]);

    private static int LowestUid(AnswerSet answers, IReadOnlyList<int> cluster) => cluster.Min(i => answers.Answers[i].Uid);

    /// <summary>Sign of a − b, 0 when they agree to within <see cref="TieTolerance"/>.</summary>
    private static int Compare(double a, double b) =>
        Math.Abs(a - b) <= TieTolerance * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b))) ? 0 : a.CompareTo(b);
}
