namespace Loosh.Evaluation.Weights;

/// <summary>
/// The last step of the reference's weight computation: scale the per-miner scores so they sum to one.
/// </summary>
public static class WeightNormalization
{
    /// <summary>
    /// Returns the scores scaled to sum to 1, in the same order, or null when every score is zero (the
    /// reference then skips the epoch and leaves the weights on chain as they are).
    /// </summary>
    /// <exception cref="ArgumentException">A score is negative, NaN or infinite.</exception>
    public static double[]? Normalize(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var max = 0.0;
        for (var i = 0; i < scores.Count; i++)
        {
            var score = scores[i];
            if (!double.IsFinite(score) || score < 0)
            {
                throw new ArgumentException($"Score {i} is {score}; scores must be finite and not negative.", nameof(scores));
            }
            max = Math.Max(max, score);
        }

        if (max == 0)
        {
            return null;
        }

        // Scaling by the largest score first keeps the sum finite however large the scores are.
        var weights = new double[scores.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = scores[i] / max;
            sum += weights[i];
        }
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
        }
        return weights;
    }
}
