namespace Loosh.Evaluation.Consensus;

/// <summary>
/// The reference's consensus engine (<c>ConsensusEngine.evaluate_consensus</c>, evaluation.md §4) as a pure function
/// over vectors and numbers: the quality filter, quality-aware outlier removal, the dominant cluster, θ, the garbage
/// alert and the individual scores. Embedding and quality scoring happen before it.
/// </summary>
public static class ConsensusEngine
{
    /// <summary>
    /// Evaluates one challenge's valid answers (test-mode answers already removed, §6.1). The survivors of steps 1–3
    /// are in consensus (§4.1); θ and the individual scores follow from them.
    /// </summary>
    /// <exception cref="ArgumentException">Hotkeys repeat, embeddings are empty or differ in length, only some answers
    /// carry a quality, or a quality, entity weight or word count is out of range.</exception>
    public static ConsensusResult Evaluate(IReadOnlyList<ConsensusAnswer> answers, ConsensusSettings settings)
    {
        var set = AnswerSet.Create(answers, settings);
        var all = Enumerable.Range(0, set.Count).ToArray();

        // Step 1: the quality filter; with nobody left the round is over (θ = 0, every emission 0).
        var survivors = set.Qualities is { } qualities ? all.Where(i => qualities[i] >= settings.QualityThreshold).ToArray() : all;
        var qualityFiltered = set.HotkeysOf(all.Except(survivors));
        if (survivors.Length == 0)
        {
            return NobodyPassed(set, qualityFiltered);
        }

        var outliers = RemoveOutliers(set, survivors, settings);
        var clusters = KeepDominantCluster(set, outliers.Survivors, settings);
        survivors = clusters.Survivors;
        // Step 4, the legacy word-length filter, is off at HEAD (CONSENSUS_APPLY_QUALITY_FILTER = False) and not ported.

        var (mean, deviation) = ConsensusStatistics.Moments(set, survivors);
        var theta = mean + settings.LambdaFactor * deviation;
        // Step 6: only flagged; the reference logs a warning and changes nothing.
        var garbageAlert = set.Qualities is not null && set.MeanQuality(survivors) < settings.GarbageClusterThreshold;

        return new ConsensusResult(
            theta,
            mean,
            deviation,
            theta > settings.ThresholdMin,
            ConsensusStatistics.WeightedScore(set, survivors),
            set.HotkeysOf(survivors),
            set.HotkeysOf(all.Except(survivors)),
            IndividualScores.Compute(set, survivors, settings),
            new ConsensusDiagnostics(qualityFiltered, outliers.Factors, outliers.Outliers, outliers.Reversed, clusters.Clusters, garbageAlert));
    }

    /// <summary>
    /// Step 2: Local Outlier Factor on the survivors. Normally the outliers go; when their mean quality beats the
    /// inliers' by more than the delta, the inliers go instead. Without qualities the outliers simply go.
    /// </summary>
    private static (int[] Survivors, IReadOnlyDictionary<string, double> Factors, IReadOnlyList<string> Outliers, bool Reversed) RemoveOutliers(
        AnswerSet set, int[] survivors, ConsensusSettings settings)
    {
        var minimum = settings.MinResponsesForOutlierDetection;
        if (set.Count < minimum || survivors.Length < minimum)
        {
            return (survivors, new Dictionary<string, double>(), [], false);
        }
        var points = survivors.Select(i => set.Answers[i].Embedding).ToArray();
        var factors = LocalOutlierFactor.Compute(points, Math.Min(settings.OutlierNeighbours, points.Length - 1));
        var byHotkey = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var s = 0; s < survivors.Length; s++)
        {
            byHotkey.Add(set.Answers[survivors[s]].Hotkey, factors[s]);
        }

        var outliers = survivors.Where((_, s) => factors[s] > settings.OutlierFactorCut).ToArray();
        if (outliers.Length == 0)
        {
            return (survivors, byHotkey, [], false);
        }
        // The point of highest density never has a factor above 1, so there is always at least one inlier.
        var inliers = survivors.Except(outliers).ToArray();
        var reversed = set.Qualities is not null
            && set.MeanQuality(outliers) - set.MeanQuality(inliers) > settings.OutlierQualityDelta;
        return (reversed ? outliers : inliers, byHotkey, set.HotkeysOf(outliers), reversed);
    }

    /// <summary>Step 3: keep only the dominant cluster's members.</summary>
    private static (int[] Survivors, IReadOnlyList<IReadOnlyList<string>> Clusters) KeepDominantCluster(
        AnswerSet set, int[] survivors, ConsensusSettings settings)
    {
        if (set.Count < settings.MinResponsesForClustering || survivors.Length < 2)
        {
            return (survivors, []);
        }
        var (clusters, dominant) = DominantCluster.Find(set, survivors, settings.ClusterDistanceCut);
        return ([.. dominant], clusters.Select(set.HotkeysOf).ToArray());
    }

    private static ConsensusResult NobodyPassed(AnswerSet set, IReadOnlyList<string> qualityFiltered) =>
        new(
            0.0,
            0.0,
            0.0,
            false,
            null,
            [],
            set.HotkeysOf(Enumerable.Range(0, set.Count)),
            new Dictionary<string, double>(),
            new ConsensusDiagnostics(qualityFiltered, new Dictionary<string, double>(), [], false, [], false));
}
