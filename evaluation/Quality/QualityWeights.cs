namespace Loosh.Evaluation.Quality;

/// <summary>
/// Weights of the six sigmoid-squashed signals in the quality composite (evaluation.md §3.3). The composite is
/// clipped to [0, 1] after weighting, so weights that sum to more than one saturate it.
/// </summary>
/// <param name="Relevance">Weight of the blended prompt relevance.</param>
/// <param name="Coherence">Weight of coherence.</param>
/// <param name="Coverage">Weight of prompt coverage.</param>
/// <param name="Complexity">Weight of reasoning complexity.</param>
/// <param name="Density">Weight of information density.</param>
/// <param name="Specificity">Weight of specificity.</param>
public sealed record QualityWeights(
    double Relevance,
    double Coherence,
    double Coverage,
    double Complexity,
    double Density,
    double Specificity)
{
    /// <summary>
    /// What the reference runs in production: the consensus engine overrides the scorer's map with its own
    /// config — relevance <c>CONSENSUS_QUALITY_PROMPT_RELEVANCE_WEIGHT = 0.4</c>, coherence
    /// <c>CONSENSUS_QUALITY_COHERENCE_WEIGHT = 0.2</c>, coverage from the density slot
    /// (<c>CONSENSUS_QUALITY_DENSITY_WEIGHT = 0.2</c>), complexity from the specificity slot
    /// (<c>CONSENSUS_QUALITY_SPECIFICITY_WEIGHT = 0.2</c>), density 0.2, specificity 0.2. They sum to 1.4, so
    /// decent answers saturate at q = 1 (evaluation.md §3.3, §14 item 7); kept as the default for parity.
    /// </summary>
    public static QualityWeights Production { get; } = new(0.4, 0.2, 0.2, 0.2, 0.2, 0.2);

    /// <summary>
    /// The scorer's own default map (0.25 and 0.15 × 5, summing to 1), which the reference uses only when no
    /// override is passed; the unwired <c>QUALITY_*_WEIGHT</c> constants hold the same values. For an opt-in
    /// scoring profile that fixes the 1.4 saturation (evaluation.md §14 item 7).
    /// </summary>
    public static QualityWeights Normalized { get; } = new(0.25, 0.15, 0.15, 0.15, 0.15, 0.15);
}
