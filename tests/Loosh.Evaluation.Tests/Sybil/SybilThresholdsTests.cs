using Loosh.Evaluation.Sybil;

namespace Loosh.Evaluation.Tests.Sybil;

/// <summary>SybilThresholds: NumPy's linear percentile and the adaptive thresholds (evaluation.md §7.2, E12).</summary>
public sealed class SybilThresholdsTests
{
    private const double Tolerance = 1e-12;

    [Theory]
    // [1,2,3,4] p50: index 3·0.5 = 1.5 → 2 + 0.5·(3 − 2) = 2.5
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 50.0, 2.5)]
    // [1,2,3,4] p25: index 0.75 → 1 + 0.75·(2 − 1) = 1.75
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 25.0, 1.75)]
    // [10,20,30] p10: index 2·0.1 = 0.2 → 10 + 0.2·10 = 12
    [InlineData(new[] { 10.0, 20.0, 30.0 }, 10.0, 12.0)]
    // unsorted input is sorted first: [1,2,3] p50 → index 1 → 2
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 50.0, 2.0)]
    // the ends are the extremes
    [InlineData(new[] { 10.0, 20.0, 30.0 }, 0.0, 10.0)]
    [InlineData(new[] { 10.0, 20.0, 30.0 }, 100.0, 30.0)]
    // a single value is every percentile
    [InlineData(new[] { 0.7 }, 99.9, 0.7)]
    public void Percentile_matches_numpy_linear(double[] values, double percentile, double expected)
    {
        Assert.Equal(expected, SybilThresholds.Percentile(values, percentile), Tolerance);
    }

    [Fact]
    public void E12_percentiles()
    {
        // Sorted [0.60, 0.69, 0.70, 0.71, 0.72, 0.95]; index 5·0.999 = 4.995 → 0.72 + 0.995·0.23 = 0.94885,
        // index 5·0.9999 = 4.9995 → 0.72 + 0.9995·0.23 = 0.949885.
        double[] sims = [0.95, 0.70, 0.72, 0.71, 0.69, 0.60];

        Assert.Equal(0.94885, SybilThresholds.Percentile(sims, 99.9), Tolerance);
        Assert.Equal(0.949885, SybilThresholds.Percentile(sims, 99.99), Tolerance);
    }

    [Fact]
    public void E12_thresholds()
    {
        var thresholds = SybilThresholds.Compute([0.95, 0.70, 0.72, 0.71, 0.69, 0.60]);

        Assert.Equal(0.94885, thresholds.High, Tolerance);
        // max(0.949885, 0.88, 0.94885 + 0.01)
        Assert.Equal(0.95885, thresholds.VeryHigh, Tolerance);
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0.99 })]
    [InlineData(new[] { 0.99, 0.97 })]
    public void Fewer_than_three_values_give_the_floors(double[] sims)
    {
        Assert.Equal(new SybilThresholds(0.80, 0.88), SybilThresholds.Compute(sims));
    }

    [Fact]
    public void Three_values_use_the_percentiles()
    {
        // Sorted [0.5, 0.97, 0.99]: p99.9 index 1.998 → 0.97 + 0.998·0.02 = 0.98996;
        // p99.99 index 1.9998 → 0.989996 < high + 0.01 = 0.99996.
        var thresholds = SybilThresholds.Compute([0.99, 0.97, 0.5]);

        Assert.Equal(0.98996, thresholds.High, Tolerance);
        Assert.Equal(0.99996, thresholds.VeryHigh, Tolerance);
    }

    [Fact]
    public void Low_similarities_are_floored()
    {
        // E12 with s01 = 0.79: p99.9 = 0.72 + 0.995·0.07 = 0.78965 < 0.80; p99.99 = 0.789965 < 0.88; 0.88 ≥ 0.81.
        var thresholds = SybilThresholds.Compute([0.79, 0.70, 0.72, 0.71, 0.69, 0.60]);

        Assert.Equal(new SybilThresholds(0.80, 0.88), thresholds);
    }

    [Fact]
    public void Percentile_rejects_no_values_and_out_of_range_percentiles()
    {
        Assert.Throws<ArgumentException>(() => SybilThresholds.Percentile([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => SybilThresholds.Percentile([1.0], 100.5));
        Assert.Throws<ArgumentException>(() => SybilThresholds.Percentile([double.NaN], 50));
    }
}
