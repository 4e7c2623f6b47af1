namespace Loosh.Evaluation.Consensus;

/// <summary>The similarity statistics of the survivors (evaluation.md §4 step 5).</summary>
internal static class ConsensusStatistics
{
    /// <summary>
    /// μ and σ of the survivor pairs' similarities, each pair i &lt; j weighted by <c>w_i·w_j</c>: quality × entity
    /// weight on the semantic path, the entity weight alone on the basic path (all 1 without caps, which is the plain
    /// mean and population standard deviation). Both are 0 with fewer than two survivors or a zero weight sum.
    /// </summary>
    public static (double Mean, double StandardDeviation) Moments(AnswerSet answers, IReadOnlyList<int> survivors)
    {
        var pairs = Pairs(answers, survivors);
        var totalWeight = pairs.Sum(p => p.Weight);
        if (!(totalWeight > 0))
        {
            return (0.0, 0.0);
        }
        var mean = pairs.Sum(p => p.Weight * p.Similarity) / totalWeight;
        var variance = pairs.Sum(p => p.Weight * (p.Similarity - mean) * (p.Similarity - mean)) / totalWeight;
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>
    /// The reference's confidence-weighted score with every confidence 1: the mean off-diagonal similarity of the
    /// survivors, 0 with fewer than two.
    /// </summary>
    public static double WeightedScore(AnswerSet answers, IReadOnlyList<int> survivors)
    {
        var pairs = Pairs(answers, survivors);
        return pairs.Count == 0 ? 0.0 : pairs.Average(p => p.Similarity);
    }

    private static List<(double Similarity, double Weight)> Pairs(AnswerSet answers, IReadOnlyList<int> survivors)
    {
        var pairs = new List<(double, double)>();
        for (var a = 0; a < survivors.Count; a++)
        {
            for (var b = a + 1; b < survivors.Count; b++)
            {
                var (i, j) = (survivors[a], survivors[b]);
                pairs.Add((answers.Similarities[i, j], Weight(answers, i) * Weight(answers, j)));
            }
        }
        return pairs;
    }

    private static double Weight(AnswerSet answers, int i) =>
        answers.Qualities is { } qualities ? qualities[i] * answers.EntityWeights[i] : answers.EntityWeights[i];
}
