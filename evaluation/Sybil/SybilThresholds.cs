namespace Loosh.Evaluation.Sybil;

/// <summary>
/// The adaptive similarity thresholds of one challenge (evaluation.md §7.2): pairs at or above
/// <see cref="High"/> are suspicious and form group edges; <see cref="VeryHigh"/> only labels severity.
/// </summary>
public readonly record struct SybilThresholds(double High, double VeryHigh)
{
    /// <summary>The floors, used alone when there are fewer than three similarities to take percentiles of.</summary>
    public static SybilThresholds Floors => new(SybilDetector.MinHighThreshold, SybilDetector.MinVeryHighThreshold);

    /// <summary>
    /// <c>high = max(p99.9, 0.80)</c>, <c>very_high = max(p99.99, 0.88, high + 0.01)</c> over the upper-triangle
    /// similarities of the eligible answers; the floors when there are fewer than three values.
    /// </summary>
    public static SybilThresholds Compute(IReadOnlyList<double> similarities)
    {
        ArgumentNullException.ThrowIfNull(similarities);
        if (similarities.Count < SybilDetector.MinSimilaritiesForPercentiles)
        {
            return Floors;
        }
        var high = Math.Max(Percentile(similarities, SybilDetector.HighSimilarityPercentile), SybilDetector.MinHighThreshold);
        var veryHigh = Math.Max(Percentile(similarities, SybilDetector.VeryHighSimilarityPercentile), SybilDetector.MinVeryHighThreshold);
        return new SybilThresholds(high, Math.Max(veryHigh, high + SybilDetector.VeryHighMinimumGap));
    }

    /// <summary>
    /// NumPy's default (<c>method="linear"</c>) percentile: sort, take the virtual index <c>(n − 1)·p/100</c>, and
    /// interpolate between its neighbours. Like NumPy's <c>_lerp</c>, a fraction of one half or more is interpolated
    /// back from the upper neighbour, so results agree with the reference to the last bit.
    /// </summary>
    /// <param name="values">At least one finite value, in any order.</param>
    /// <param name="percentile">Between 0 and 100.</param>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The percentile of no values is undefined.", nameof(values));
        }
        if (values.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every value must be finite.", nameof(values));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        var sorted = values.Order().ToArray();
        var virtualIndex = (sorted.Length - 1) * (percentile / 100.0);
        var lower = (int)Math.Floor(virtualIndex);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = virtualIndex - lower;
        var (a, b) = (sorted[lower], sorted[upper]);
        var difference = b - a;
        return fraction >= 0.5 ? b - difference * (1.0 - fraction) : a + difference * fraction;
    }

    /// <summary>True when a reported similarity is labelled VERY HIGH in the report (at or above <see cref="VeryHigh"/>).</summary>
    public bool IsVeryHigh(double similarity) => similarity >= VeryHigh;
}
