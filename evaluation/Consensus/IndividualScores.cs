namespace Loosh.Evaluation.Consensus;

/// <summary>
/// The individual scores (evaluation.md §4.2). They only pick the answer that gets the score-gap multiplier in the
/// emission step (§6.2), so they are ported as they are, constant confidence term included (§14 point 8).
/// </summary>
internal static class IndividualScores
{
    /// <summary>
    /// Scores by hotkey: survivors first, in input order, then the other answers in input order. Empty when nobody
    /// survived, because non-survivors are scored by their similarity to the survivors.
    /// </summary>
    public static Dictionary<string, double> Compute(AnswerSet answers, IReadOnlyList<int> survivors, ConsensusSettings settings)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (survivors.Count == 0)
        {
            return scores;
        }
        foreach (var i in survivors)
        {
            scores.Add(answers.Answers[i].Hotkey, Survivor(answers, survivors, i, settings));
        }
        var maxWords = answers.Answers.Max(a => a.WordCount);
        for (var k = 0; k < answers.Count; k++)
        {
            if (!scores.ContainsKey(answers.Answers[k].Hotkey))
            {
                scores.Add(answers.Answers[k].Hotkey, NonSurvivor(answers, survivors, k, maxWords, settings));
            }
        }
        return scores;
    }

    /// <summary>
    /// <c>(0.40·base + 0.25·quality + 0.15 + 0.10 + diversity)·e</c>, where base is the similarity to the other
    /// survivors weighted by their entity weights (0 alone) and quality falls back to word count over the survivors'
    /// longest when qualities are off.
    /// </summary>
    private static double Survivor(AnswerSet answers, IReadOnlyList<int> survivors, int i, ConsensusSettings settings)
    {
        var peers = survivors.Where(j => j != i).ToArray();
        var weightSum = peers.Sum(j => answers.EntityWeights[j]);
        var alignment = peers.Length == 0 ? 0.0 : peers.Sum(j => answers.EntityWeights[j] * answers.Similarities[i, j]) / weightSum;
        var score = settings.SimilarityWeight * alignment
            + settings.QualityWeight * Quality(answers, survivors, i)
            + settings.ConfidenceWeight
            + settings.ConsensusMembershipBonus
            + DiversityBonus(answers, peers, i, settings);
        return score * answers.EntityWeights[i];
    }

    /// <summary>Semantic quality, or word count relative to the longest survivor (1 for all when none has words).</summary>
    private static double Quality(AnswerSet answers, IReadOnlyList<int> survivors, int i)
    {
        if (answers.Qualities is { } qualities)
        {
            return qualities[i];
        }
        var maxWords = survivors.Max(j => answers.Answers[j].WordCount);
        return maxWords > 0 ? (double)answers.Answers[i].WordCount / maxWords : 1.0;
    }

    /// <summary>
    /// Uniqueness (1 − plain mean similarity to the other survivors) scaled by quality over the floor, capped; only
    /// for answers above the quality floor, with qualities in use and at least one peer.
    /// </summary>
    private static double DiversityBonus(AnswerSet answers, int[] peers, int i, ConsensusSettings settings)
    {
        if (answers.Qualities is not { } qualities || peers.Length == 0 || !(qualities[i] > settings.DiversityQualityFloor))
        {
            return 0.0;
        }
        var uniqueness = 1.0 - peers.Average(j => answers.Similarities[i, j]);
        var bonus = uniqueness * (qualities[i] / settings.DiversityQualityFloor) * settings.MaxDiversityBonus;
        return Math.Min(bonus, settings.MaxDiversityBonus);
    }

    /// <summary>
    /// <c>(0.30·mean cos to the survivors + 0.25·words / longest answer + 0.15)·e</c>. The reference scores length,
    /// not semantic quality, here even when qualities exist (§14 point 8).
    /// </summary>
    private static double NonSurvivor(AnswerSet answers, IReadOnlyList<int> survivors, int k, int maxWords, ConsensusSettings settings)
    {
        var alignment = survivors.Average(i => answers.Similarities[k, i]);
        var length = maxWords > 0 ? (double)answers.Answers[k].WordCount / maxWords : 0.0;
        var score = settings.OutOfConsensusSimilarityWeight * alignment
            + settings.OutOfConsensusLengthWeight * length
            + settings.OutOfConsensusConfidenceWeight;
        return score * answers.EntityWeights[k];
    }
}
