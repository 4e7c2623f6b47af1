using Loosh.Evaluation.Quality;

namespace Loosh.Evaluation.Tests.Quality;

/// <summary>QualityComposite and QualityWeights: the sigmoid composite of evaluation.md §3.3 (E10).</summary>
public sealed class QualityCompositeTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(0.6, 0.45, 0.76852)]
    [InlineData(0.5, 0.45, 0.59869)]
    [InlineData(1.0, 0.40, 0.99184)]
    [InlineData(0.4, 0.30, 0.68997)]
    [InlineData(0.55, 0.40, 0.76852)]
    [InlineData(0.3, 0.30, 0.5)]
    public void E10_sigmoid_values(double value, double midpoint, double expected)
    {
        Assert.Equal(expected, QualityComposite.Sigmoid(value, midpoint), Tolerance);
    }

    [Fact]
    public void E10_production_weights_saturate_at_one()
    {
        // Raw sum 0.4·0.76852 + 0.2·(0.59869 + 0.99184 + 0.68997 + 0.76852 + 0.5) = 1.01721, clipped to 1.
        var q = QualityComposite.Combine(QualityWeights.Production, 0.6, 0.5, 1.0, 0.4, 0.55, 0.3);

        Assert.Equal(1.0, q);
    }

    [Fact]
    public void E10_normalized_weights_give_0_72448()
    {
        // 0.25·0.76852 + 0.15·(0.59869 + 0.99184 + 0.68997 + 0.76852 + 0.5) = 0.72448.
        var q = QualityComposite.Combine(QualityWeights.Normalized, 0.6, 0.5, 1.0, 0.4, 0.55, 0.3);

        Assert.Equal(0.72448, q, Tolerance);
    }

    [Fact]
    public void E10_weak_answer_falls_below_the_consensus_threshold()
    {
        var q = QualityComposite.Combine(QualityWeights.Production, 0.3, 0.3, 0.0, 0.0, 0.3, 0.0);

        Assert.Equal(0.24199, q, Tolerance);
        Assert.True(q < 0.35);
    }

    [Fact]
    public void All_signals_at_zero_give_the_floor_of_about_0_065()
    {
        // 0.4·σ(−3.6) + 0.2·(σ(−3.6) + σ(−3.2) + σ(−2.4) + σ(−3.2) + σ(−2.4))
        // = 0.4·0.026597 + 0.2·(0.026597 + 0.039166 + 0.083173 + 0.039166 + 0.083173) = 0.064894 (§3.3: ≈ 0.065).
        var q = QualityComposite.Combine(QualityWeights.Production, 0, 0, 0, 0, 0, 0);

        Assert.Equal(0.064894, q, 1e-6);
    }

    [Fact]
    public void Production_weights_sum_to_1_4_and_normalized_to_1()
    {
        static double Sum(QualityWeights w) => w.Relevance + w.Coherence + w.Coverage + w.Complexity + w.Density + w.Specificity;

        Assert.Equal(1.4, Sum(QualityWeights.Production), 1e-12);
        Assert.Equal(1.0, Sum(QualityWeights.Normalized), 1e-12);
        Assert.Equal(0.4, QualityWeights.Production.Relevance);
        Assert.Equal(0.25, QualityWeights.Normalized.Relevance);
    }
}
