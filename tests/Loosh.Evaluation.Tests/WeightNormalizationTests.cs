using Loosh.Evaluation.Weights;

namespace Loosh.Evaluation.Tests;

/// <summary>WeightNormalization.Normalize: scores scaled to sum to one, or null when there is nothing to weigh.</summary>
public sealed class WeightNormalizationTests
{
    private static double[] Normalized(params double[] scores)
    {
        var weights = WeightNormalization.Normalize(scores);
        Assert.NotNull(weights);
        return weights;
    }

    [Fact]
    public void Scores_are_scaled_to_sum_to_one_in_order()
    {
        Assert.Equal([0.125, 0.25, 0.375, 0.25], Normalized(1.0, 2.0, 3.0, 2.0));
    }

    [Fact]
    public void Ratios_between_scores_are_preserved()
    {
        double[] scores = [0.9, 0.3, 0.0, 0.45, 0.05];

        var weights = Normalized(scores);

        Assert.Equal(scores.Length, weights.Length);
        Assert.Equal(1.0, weights.Sum(), precision: 12);
        Assert.Equal(0.0, weights[2]);
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.Equal(scores[i] / 1.7, weights[i], precision: 12);
        }
        Assert.Equal(3.0, weights[0] / weights[1], precision: 12);
        Assert.Equal(1.5, weights[3] / weights[1], precision: 12);
    }

    [Fact]
    public void A_single_positive_score_gets_all_the_weight()
    {
        Assert.Equal([0.0, 1.0, 0.0], Normalized(0.0, 0.2, 0.0));
    }

    [Fact]
    public void Scores_that_already_sum_to_one_are_unchanged()
    {
        Assert.Equal([0.5, 0.25, 0.25], Normalized(0.5, 0.25, 0.25));
    }

    [Fact]
    public void The_input_is_not_modified()
    {
        double[] scores = [2.0, 6.0];

        var weights = Normalized(scores);

        Assert.Equal([2.0, 6.0], scores);
        Assert.NotSame(scores, weights);
        Assert.Equal([0.25, 0.75], weights);
    }

    [Fact]
    public void Tiny_scores_still_normalise()
    {
        Assert.Equal([0.5, 0.5], Normalized(double.Epsilon, double.Epsilon));
    }

    [Fact]
    public void All_zero_scores_give_null()
    {
        Assert.Null(WeightNormalization.Normalize([0.0, 0.0, 0.0]));
        Assert.Null(WeightNormalization.Normalize([-0.0]));
    }

    [Fact]
    public void No_scores_give_null()
    {
        Assert.Null(WeightNormalization.Normalize([]));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_bad_score_is_an_argument_error_naming_its_index(double bad)
    {
        var error = Assert.Throws<ArgumentException>(() => WeightNormalization.Normalize([0.5, 0.25, bad, 0.25]));

        Assert.Equal("scores", error.ParamName);
        Assert.Contains("Score 2 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_score_is_rejected_even_when_the_rest_sum_to_zero()
    {
        var error = Assert.Throws<ArgumentException>(() => WeightNormalization.Normalize([0.0, double.NaN]));

        Assert.Contains("Score 1 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_scores_are_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => WeightNormalization.Normalize(null!));
    }

    [Fact]
    public void Scores_too_large_to_sum_still_normalise()
    {
        var weights = WeightNormalization.Normalize([double.MaxValue, double.MaxValue, 0]);

        Assert.Equal([0.5, 0.5, 0.0], weights!);
    }
}
