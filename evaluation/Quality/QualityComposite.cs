namespace Loosh.Evaluation.Quality;

/// <summary>
/// The composite quality (evaluation.md §3.3): each signal squashed by a steep sigmoid around its own midpoint,
/// weighted, summed and clipped to [0, 1]. The steepness and midpoints are hard-coded in the reference.
/// </summary>
public static class QualityComposite
{
    /// <summary>Steepness of every sigmoid (reference hard-codes 8).</summary>
    public const double Steepness = 8.0;

    /// <summary>Sigmoid midpoint of relevance.</summary>
    public const double RelevanceMidpoint = 0.45;

    /// <summary>Sigmoid midpoint of coherence.</summary>
    public const double CoherenceMidpoint = 0.45;

    /// <summary>Sigmoid midpoint of prompt coverage.</summary>
    public const double CoverageMidpoint = 0.40;

    /// <summary>Sigmoid midpoint of complexity.</summary>
    public const double ComplexityMidpoint = 0.30;

    /// <summary>Sigmoid midpoint of density.</summary>
    public const double DensityMidpoint = 0.40;

    /// <summary>Sigmoid midpoint of specificity.</summary>
    public const double SpecificityMidpoint = 0.30;

    /// <summary><c>σ(x; m) = 1 / (1 + exp(−8·(x − m)))</c>.</summary>
    public static double Sigmoid(double value, double midpoint) => 1.0 / (1.0 + Math.Exp(-Steepness * (value - midpoint)));

    /// <summary>
    /// <c>clip₀¹(Σ wₛ·σ(s; mₛ))</c> over relevance, coherence, coverage, complexity, density and specificity,
    /// summed in that order as the reference does.
    /// </summary>
    public static double Combine(
        QualityWeights weights,
        double relevance,
        double coherence,
        double coverage,
        double complexity,
        double density,
        double specificity)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sum = weights.Relevance * Sigmoid(relevance, RelevanceMidpoint)
            + weights.Coherence * Sigmoid(coherence, CoherenceMidpoint)
            + weights.Coverage * Sigmoid(coverage, CoverageMidpoint)
            + weights.Complexity * Sigmoid(complexity, ComplexityMidpoint)
            + weights.Density * Sigmoid(density, DensityMidpoint)
            + weights.Specificity * Sigmoid(specificity, SpecificityMidpoint);
        return Math.Clamp(sum, 0.0, 1.0);
    }
}
