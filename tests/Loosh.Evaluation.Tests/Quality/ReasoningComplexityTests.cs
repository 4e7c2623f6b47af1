using Loosh.Evaluation.Quality;

namespace Loosh.Evaluation.Tests.Quality;

/// <summary>
/// ReasoningComplexity: gates, the single-sentence marker rule, step/novelty from sentence embeddings and the
/// marker fallback (evaluation.md §3.2 item 7). Vectors are unit length and chosen for hand arithmetic.
/// </summary>
public sealed class ReasoningComplexityTests
{
    private const double Tolerance = 1e-6;

    private static readonly float[] X = [1f, 0f, 0f, 0f];
    private static readonly float[] Y = [0f, 1f, 0f, 0f];
    private static readonly float[] Z = [0f, 0f, 1f, 0f];
    private static readonly float[] W = [0f, 0f, 0f, 1f];

    [Fact]
    public void Four_orthogonal_steps_score_one()
    {
        // Pairwise distance √2 ≥ 0.7 → 4 clusters → step exp(0) = 1; mean cosine 0 → novelty 1.
        // cx = 0.6·1 + 0.4·1 = 1.
        Assert.Equal(1.0, ReasoningComplexity.FromEmbeddings([X, Y, Z, W]), Tolerance);
    }

    [Fact]
    public void Repeated_sentence_is_one_step_with_no_novelty()
    {
        // Distance 0 → 1 cluster → step exp(−((1 − 4)/2)²) = exp(−2.25) = 0.1053992; redundancy 1 → novelty 0.
        // cx = 0.6·0.1053992 = 0.0632395.
        Assert.Equal(0.6 * Math.Exp(-2.25), ReasoningComplexity.FromEmbeddings([X, X]), Tolerance);
    }

    [Fact]
    public void Clusters_use_euclidean_distance_not_cosine_distance()
    {
        // cos 0.5: Euclidean distance √(2 − 2·0.5) = 1 ≥ 0.7 → 2 clusters (1 − cos = 0.5 would have merged them).
        // step exp(−1) = 0.3678794; novelty 1 − 0.5 = 0.5. cx = 0.6·0.3678794 + 0.4·0.5 = 0.4207277.
        float[] u = [1f, 0f];
        float[] v = [0.5f, (float)Math.Sqrt(0.75)];

        Assert.Equal(0.6 * Math.Exp(-1) + 0.4 * 0.5, ReasoningComplexity.FromEmbeddings([u, v]), Tolerance);
    }

    [Fact]
    public void Average_linkage_merges_only_below_the_cut()
    {
        // a = (1, 0), b = (0.8, 0.6), c = (0, 1). Distances: ab = √0.4 = 0.632 < 0.7 → merge;
        // {a,b}–c = (√2 + √0.8)/2 = (1.414214 + 0.894427)/2 = 1.154 ≥ 0.7 → stop: 2 clusters → step exp(−1).
        // Cosines ab 0.8, ac 0, bc 0.6 → redundancy 1.4/3 → novelty 1.6/3 = 0.5333333.
        // cx = 0.6·0.3678794 + 0.4·0.5333333 = 0.2207277 + 0.2133333 = 0.4340610.
        float[] a = [1f, 0f];
        float[] b = [0.8f, 0.6f];
        float[] c = [0f, 1f];

        Assert.Equal(0.6 * Math.Exp(-1) + 0.4 * (1.6 / 3), ReasoningComplexity.FromEmbeddings([a, b, c]), Tolerance);
    }

    [Fact]
    public void Novelty_above_one_is_clipped_in_the_blend()
    {
        // Opposite vectors: 2 clusters (distance 2), redundancy −1 → novelty 2; 0.6·0.3678794 + 0.8 = 1.0207 → 1.
        Assert.Equal(1.0, ReasoningComplexity.FromEmbeddings([[1f, 0f], [-1f, 0f]]), Tolerance);
    }

    [Theory]
    [InlineData(4, 1.0)]
    [InlineData(2, 0.36787944117144233)] // exp(−1)
    [InlineData(6, 0.36787944117144233)]
    [InlineData(8, 0.01831563888873418)] // exp(−4)
    public void Step_score_is_a_gaussian_around_four(int steps, double expected)
    {
        Assert.Equal(expected, ReasoningComplexity.StepScore(steps), 1e-12);
    }

    [Theory]
    [InlineData(0.39, 0.9)]
    [InlineData(0.9, 0.29)]
    public void Gates_on_relevance_and_coherence(double relevance, double coherence)
    {
        Assert.Equal(0.0, ReasoningComplexity.Score("First this. Then that one follows.", 2, [X, Y, Z, W], relevance, coherence));
    }

    [Fact]
    public void Gates_are_inclusive_at_their_thresholds()
    {
        Assert.Equal(1.0, ReasoningComplexity.Score("unused", 4, [X, Y, Z, W], 0.4, 0.3), Tolerance);
    }

    [Fact]
    public void Single_sentence_scores_its_markers()
    {
        // "However" and "therefore": 1 − exp(−1.3·2) = 1 − exp(−2.6) = 0.9257264.
        Assert.Equal(1 - Math.Exp(-2.6), ReasoningComplexity.Score("However, the cache therefore fails.", 1, null, 0.5, 0.5), Tolerance);
    }

    [Fact]
    public void Single_sentence_rule_counts_markers_of_the_whole_answer()
    {
        // "So." is too short to be a kept sentence, but its marker counts, as in the reference: 2 markers.
        Assert.Equal(1 - Math.Exp(-2.6), ReasoningComplexity.Score("So. The cache therefore fails.", 1, null, 0.5, 0.5), Tolerance);
    }

    [Theory]
    [InlineData("The cache fails quietly.", 1)] // one sentence, no markers
    [InlineData("So then.", 0)] // markers but no kept sentence
    public void Without_markers_or_sentences_complexity_is_zero(string answer, int sentences)
    {
        Assert.Equal(0.0, ReasoningComplexity.Score(answer, sentences, null, 0.9, 0.9));
    }

    [Fact]
    public void Marker_fallback_without_sentence_embeddings()
    {
        // Markers first, then, because → 3 over 2 sentences: 1 − exp(−1.3·1.5) = 1 − exp(−1.95) = 0.8577259.
        // Types present: sequence and causal → bonus min(0.15, 0.05·1) = 0.05. cx = 0.9077259.
        const string answer = "First we heat the pan. Then we add oil because it helps.";

        Assert.Equal(1 - Math.Exp(-1.95) + 0.05, ReasoningComplexity.Score(answer, 2, null, 0.9, 0.9), Tolerance);
        Assert.Equal(1 - Math.Exp(-1.95) + 0.05, ReasoningComplexity.FromMarkers(answer, 2), Tolerance);
    }

    [Fact]
    public void Marker_fallback_counts_types_by_substring()
    {
        // One whole-word marker ("also") over 2 sentences: 1 − exp(−0.65) = 0.4779542; types by substring:
        // sequence ("also") and causal ("so" inside "Resources") → +0.05. cx = 0.5279542.
        Assert.Equal(1 - Math.Exp(-0.65) + 0.05, ReasoningComplexity.FromMarkers("Resources also matter. Nothing else here is new.", 2), Tolerance);
    }

    [Fact]
    public void Marker_fallback_variety_bonus_caps_at_0_15()
    {
        // 5 markers (because, however, for example, first, then) over 2 sentences: 1 − exp(−3.25) = 0.9612258;
        // four types → min(0.15, 0.05·3) = 0.15 → 1.1112258, clipped to 1.
        const string answer = "First, because it rains, we wait. However, for example, then we go.";

        Assert.Equal(1.0, ReasoningComplexity.FromMarkers(answer, 2), Tolerance);
    }
}
