namespace Loosh.Evaluation.Recording;

/// <summary>One answer as the narrative lists it.</summary>
/// <param name="Label">The miner label (UID).</param>
/// <param name="Text">The answer text.</param>
public sealed record LabelledAnswer(string Label, string Text);

/// <summary>What the narrative summarises: the consensus result of evaluation.md §5.</summary>
/// <param name="OriginalPrompt">The challenge prompt.</param>
/// <param name="InConsensus">The surviving answers (§4.1), in the order to list them.</param>
/// <param name="OutOfConsensus">The other valid answers; empty lists as "None".</param>
/// <param name="Theta">The consensus score θ = μ + λ·σ.</param>
/// <param name="WeightedScore">The confidence-weighted mean similarity of the survivors.</param>
/// <param name="PolarityAgreement">Never computed at HEAD (polarity is off); shown as n/a when null.</param>
/// <param name="ConsensusAchieved">θ above threshold_min (§4 step 5); picks the verdict line.</param>
/// <param name="HeatmapPath">Where the heatmap was stored, when one was made.</param>
/// <param name="QualityPlotPath">Where the quality plot was stored, when one was made.</param>
public sealed record NarrativeInput(
    string OriginalPrompt,
    IReadOnlyList<LabelledAnswer> InConsensus,
    IReadOnlyList<LabelledAnswer> OutOfConsensus,
    double Theta,
    double WeightedScore,
    double? PolarityAgreement,
    bool ConsensusAchieved,
    string? HeatmapPath = null,
    string? QualityPlotPath = null);
