namespace Loosh.Evaluation.Quality;

/// <summary>
/// The reference's fallback quality when the embedding-aware scorer fails or is off (evaluation.md §3.6): a
/// weighted sum of raw prompt relevance and three text-only signals, followed by the relevance gate.
/// </summary>
public static class HeuristicQuality
{
    /// <summary>Weight of raw prompt relevance (reference <c>CONSENSUS_QUALITY_PROMPT_RELEVANCE_WEIGHT</c>, §10).</summary>
    public const double RelevanceWeight = 0.4;

    /// <summary>Weight of density (reference <c>CONSENSUS_QUALITY_DENSITY_WEIGHT</c>, §10).</summary>
    public const double DensityWeight = 0.2;

    /// <summary>Weight of specificity (reference <c>CONSENSUS_QUALITY_SPECIFICITY_WEIGHT</c>, §10).</summary>
    public const double SpecificityWeight = 0.2;

    /// <summary>Weight of the heuristic coherence (reference <c>CONSENSUS_QUALITY_COHERENCE_WEIGHT</c>, §10).</summary>
    public const double CoherenceWeight = 0.2;

    /// <summary>Relevance assumed when there is no prompt embedding (reference hard-codes 0.5).</summary>
    public const double UnknownRelevance = 0.5;

    /// <summary>
    /// <c>q = 0.4·raw_rel + 0.2·density + 0.2·specificity + 0.2·heuristic coherence</c>, or 0 when
    /// <paramref name="rawRelevance"/> is below <see cref="QualityScorer.MinRawPromptRelevance"/>. Without a
    /// prompt embedding (<paramref name="rawRelevance"/> null) relevance counts as 0.5 and the gate is skipped,
    /// as in the reference. Not clipped: the reference does not clip this sum.
    /// </summary>
    public static double Score(string answer, double? rawRelevance)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (rawRelevance < QualityScorer.MinRawPromptRelevance)
        {
            return 0.0;
        }
        return (rawRelevance ?? UnknownRelevance) * RelevanceWeight
            + LexicalSignals.Density(answer) * DensityWeight
            + LexicalSignals.Specificity(answer) * SpecificityWeight
            + LexicalSignals.HeuristicCoherence(answer) * CoherenceWeight;
    }
}
