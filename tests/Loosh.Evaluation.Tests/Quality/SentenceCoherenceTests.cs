using Loosh.Evaluation.Quality;

namespace Loosh.Evaluation.Tests.Quality;

/// <summary>
/// SentenceCoherence: 0.6·local + 0.4·global with the break-rate discount (evaluation.md §3.2 item 6), on unit
/// vectors chosen so every cosine is known by hand.
/// </summary>
public sealed class SentenceCoherenceTests
{
    private const double Tolerance = 1e-6;

    private static readonly float[] A = [1f, 0f];
    private static readonly float[] B = [0f, 1f];

    [Fact]
    public void Two_close_sentences_are_not_discounted()
    {
        // Adjacent cosine 0.8 → local 0.8, no break. Centroid (0.9, 0.3), |c| = √0.9; both cosines to it are
        // 0.9/√0.9 = √0.9 = 0.9486833 → global 0.9486833. coh = 0.6·0.8 + 0.4·0.9486833 = 0.8594733.
        var coherence = SentenceCoherence.Score([A, [0.8f, 0.6f]]);

        Assert.Equal(0.6 * 0.8 + 0.4 * Math.Sqrt(0.9), coherence, Tolerance);
    }

    [Fact]
    public void Break_rate_of_one_quarter_is_tolerated()
    {
        // A A A A B: adjacent cosines 1, 1, 1, 0 → local 0.75, one break in four (0.25 ≤ 0.3): no discount.
        // Centroid (0.8, 0.2), |c| = √0.68; cosines 0.8/√0.68 (×4) and 0.2/√0.68 → mean 3.4/(5·√0.68) = √0.68.
        // coh = 0.6·0.75 + 0.4·√0.68 = 0.45 + 0.3298485 = 0.7798485.
        var coherence = SentenceCoherence.Score([A, A, A, A, B]);

        Assert.Equal(0.6 * 0.75 + 0.4 * Math.Sqrt(0.68), coherence, Tolerance);
    }

    [Fact]
    public void Break_rate_of_one_third_discounts_by_two_thirds()
    {
        // A A A B: adjacent 1, 1, 0 → local 2/3, break rate 1/3 > 0.3 → factor max(0.5, 2/3) = 2/3.
        // Centroid (0.75, 0.25), |c| = √0.625; mean cosine (3·0.75 + 0.25)/(4·√0.625) = √0.625 = 0.7905694.
        // coh = (0.6·2/3 + 0.4·0.7905694)·2/3 = 0.7162278·2/3 = 0.4774852.
        var coherence = SentenceCoherence.Score([A, A, A, B]);

        Assert.Equal((0.6 * (2.0 / 3.0) + 0.4 * Math.Sqrt(0.625)) * (2.0 / 3.0), coherence, Tolerance);
    }

    [Fact]
    public void Break_rate_of_one_half_in_three_dimensions()
    {
        // (1,0,0) (1,0,0) (0,1,0): adjacent 1, 0 → local 0.5, rate 0.5 → factor 0.5.
        // Centroid (2/3, 1/3, 0), |c| = √5/3; cosines 2/√5, 2/√5, 1/√5 → mean √5/3 = 0.7453560.
        // coh = (0.3 + 0.4·0.7453560)·0.5 = 0.2990712.
        float[] x = [1f, 0f, 0f];
        float[] y = [0f, 1f, 0f];

        var coherence = SentenceCoherence.Score([x, x, y]);

        Assert.Equal((0.6 * 0.5 + 0.4 * Math.Sqrt(5) / 3) * 0.5, coherence, Tolerance);
    }

    [Fact]
    public void Every_pair_a_break_is_discounted_by_at_most_one_half()
    {
        // A B A B: adjacent 0, 0, 0 → local 0, rate 1 → factor max(0.5, 0) = 0.5.
        // Centroid (0.5, 0.5): every cosine 0.5/√0.5 = √0.5 → global 0.7071068. coh = 0.4·√0.5·0.5 = 0.1414214.
        var coherence = SentenceCoherence.Score([A, B, A, B]);

        Assert.Equal(0.4 * Math.Sqrt(0.5) * 0.5, coherence, Tolerance);
    }

    [Fact]
    public void Opposite_sentences_clip_local_and_have_no_centroid_direction()
    {
        // Adjacent cosine −1 → local clipped to 0; the centroid is the zero vector, whose cosine is 0 (as
        // scikit-learn's normalisation leaves zero rows at zero) → global 0; coh = 0.
        Assert.Equal(0.0, SentenceCoherence.Score([A, [-1f, 0f]]), Tolerance);
    }

    [Fact]
    public void Needs_two_sentences()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SentenceCoherence.Score([A]));
    }
}
