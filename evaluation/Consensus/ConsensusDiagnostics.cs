namespace Loosh.Evaluation.Consensus;

/// <summary>
/// What each filtering step of the consensus engine did, for logs, the narrative and the dashboard; nothing here
/// changes a score (evaluation.md §4).
/// </summary>
/// <param name="QualityFiltered">Hotkeys removed by the quality filter (step 1), in input order.</param>
/// <param name="OutlierFactors">The Local Outlier Factor of every answer that entered step 2, by hotkey; empty when
/// step 2 did not run.</param>
/// <param name="Outliers">Hotkeys whose factor exceeded the cut, in input order.</param>
/// <param name="GarbageReversal">True when the outliers were clearly better than the inliers, so the outliers were
/// kept and the inliers dropped ("garbage consensus detected").</param>
/// <param name="Clusters">The clusters of step 3 as hotkey lists, in the order they were formed; empty when step 3
/// did not run.</param>
/// <param name="GarbageAlert">True when the survivors' mean quality is below the garbage threshold (step 6).</param>
public sealed record ConsensusDiagnostics(
    IReadOnlyList<string> QualityFiltered,
    IReadOnlyDictionary<string, double> OutlierFactors,
    IReadOnlyList<string> Outliers,
    bool GarbageReversal,
    IReadOnlyList<IReadOnlyList<string>> Clusters,
    bool GarbageAlert);
