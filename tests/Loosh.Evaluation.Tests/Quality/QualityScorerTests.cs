using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Quality;
using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Tests.Quality;

/// <summary>
/// QualityScorer end to end: the texts it needs, every signal on hand-made unit vectors, the no-components
/// corner case, missing sentence embeddings and the relevance gate (evaluation.md §3.2–§3.5, E11).
/// </summary>
public sealed class QualityScorerTests
{
    private const double Tolerance = 1e-6;

    private const string Prompt = "Explain photosynthesis in plants";
    private const string Answer = "Photosynthesis turns light into sugar. Plants store that sugar as starch.";
    private const string Sentence1 = "Photosynthesis turns light into sugar.";
    private const string Sentence2 = "Plants store that sugar as starch.";

    private static double S(double value, double midpoint) => 1.0 / (1.0 + Math.Exp(-8 * (value - midpoint)));

    private static EmbeddedTexts Table(params (string Text, float[] Vector)[] entries) =>
        EmbeddedTexts.FromVectors(entries.ToDictionary(e => e.Text, e => e.Vector));

    [Fact]
    public void E11_sentence_split_example()
    {
        Assert.Equal(
            ["This is one sentence.", "And here is another one!"],
            Sentences.Split("Hi. This is one sentence. And here is another one! Ok"));
    }

    [Fact]
    public void Texts_to_embed_are_prompt_components_answers_then_sentences_of_multi_sentence_answers()
    {
        const string prompt = "What is TCP? How does it differ from UDP?";
        string[] answers = ["Hi. This is one sentence. And here is another one! Ok", "Just one sentence here."];

        var texts = QualityScorer.TextsToEmbed(prompt, answers);

        Assert.Equal(
            [prompt, "What is TCP?", "How does it differ from UDP?", answers[0], answers[1], "This is one sentence.", "And here is another one!"],
            texts);
    }

    [Fact]
    public void Every_signal_matches_hand_arithmetic()
    {
        // Prompt p = (1,0,0) is also its single component (strategy 8). Document d = (0.8,0.6,0);
        // sentences s1 = (0.8,0,0.6), s2 = (0.6,0,0.8).
        var embeddings = Table(
            (Prompt, [1f, 0f, 0f]),
            (Answer, [0.8f, 0.6f, 0f]),
            (Sentence1, [0.8f, 0f, 0.6f]),
            (Sentence2, [0.6f, 0f, 0.8f]));
        Assert.All(QualityScorer.TextsToEmbed(Prompt, [Answer]), text => Assert.True(embeddings.Contains(text)));

        var result = Assert.Single(QualityScorer.Score(Prompt, [Answer], embeddings, QualityWeights.Normalized));

        // r_doc = p·d = 0.8. Sentence cosines 0.8, 0.6; top k = max(1, 2/2) = 1 → r_sent = 0.8.
        Assert.Equal(0.8, result.RawRelevance, Tolerance);
        Assert.Equal(0.8, result.SentenceRelevance, Tolerance);
        // Keywords explain, photosynthesis, plants and two bigrams; the answer has "photosynthesis" and "plants".
        Assert.Equal(0.4, result.KeywordCoverage, Tolerance);
        // The component's best cosine over {d, s1, s2} is 0.8 ≥ 0.45 → coverage 1.
        Assert.Equal(1.0, result.PromptCoverage, Tolerance);
        // rel = 0.4·0.8 + 0.4·0.8 + 0.2·1 = 0.84.
        Assert.Equal(0.84, result.Relevance, Tolerance);
        // local = s1·s2 = 0.96; centroid (0.7,0,0.7): both cosines 0.98/(0.7·√2) = 0.7·√2 → global 0.9899495.
        // coh = 0.6·0.96 + 0.4·0.9899495 = 0.9719798.
        var coherence = 0.6 * 0.96 + 0.4 * 0.7 * Math.Sqrt(2);
        Assert.Equal(coherence, result.Coherence, Tolerance);
        // Gates pass. |s1 − s2| = √0.08 = 0.283 < 0.7 → 1 cluster → step exp(−2.25); novelty 1 − 0.96 = 0.04.
        var complexity = 0.6 * Math.Exp(-2.25) + 0.4 * 0.04;
        Assert.Equal(complexity, result.Complexity, Tolerance);
        // 11 words; content: Photosynthesis, turns, light, sugar., Plants, store, sugar, starch. → 8/11.
        Assert.Equal(8.0 / 11.0, result.Density, Tolerance);
        // No digit, no mid-sentence capital, 1 of 11 words longer than 8 → 2/11, no ; or :.
        Assert.Equal(2.0 / 11.0, result.Specificity, Tolerance);
        Assert.Equal(2, result.SentenceCount);
        Assert.False(result.GatedByRelevance);

        var expected = 0.25 * S(0.84, 0.45)
            + 0.15 * (S(coherence, 0.45) + S(1.0, 0.40) + S(complexity, 0.30) + S(8.0 / 11.0, 0.40) + S(2.0 / 11.0, 0.30));
        Assert.Equal(expected, result.Quality, Tolerance);
    }

    [Fact]
    public void Production_weights_saturate_the_same_answer()
    {
        // 0.4·σ(0.84) + 0.2·(σ(0.972) + σ(1) + σ(0.079) + σ(0.727) + σ(0.182))
        // ≈ 0.4·0.958 + 0.2·(0.985 + 0.992 + 0.146 + 0.932 + 0.280) ≈ 1.05 → clipped to 1.
        var embeddings = Table(
            (Prompt, [1f, 0f, 0f]),
            (Answer, [0.8f, 0.6f, 0f]),
            (Sentence1, [0.8f, 0f, 0.6f]),
            (Sentence2, [0.6f, 0f, 0.8f]));

        Assert.Equal(1.0, Assert.Single(QualityScorer.Score(Prompt, [Answer], embeddings, QualityWeights.Production)).Quality);
    }

    [Fact]
    public void Missing_sentence_embeddings_fall_back_to_document_and_heuristic_signals()
    {
        var embeddings = Table((Prompt, [1f, 0f, 0f]), (Answer, [0.8f, 0.6f, 0f]));

        var result = Assert.Single(QualityScorer.Score(Prompt, [Answer], embeddings, QualityWeights.Normalized));

        // r_sent = r_doc = 0.8; coverage from d alone (0.8 ≥ 0.45) = 1; rel = 0.84.
        Assert.Equal(0.8, result.SentenceRelevance, Tolerance);
        Assert.Equal(0.84, result.Relevance, Tolerance);
        // Heuristic coherence: pieces of 5 and 6 words → 0.5 + 0.3 + 0.2 = 1.
        Assert.Equal(1.0, result.Coherence, Tolerance);
        // Marker fallback: no markers and no marker type even as a substring → 0.
        Assert.Equal(0.0, result.Complexity, Tolerance);
    }

    [Fact]
    public void Prompt_without_components_uses_interim_relevance_as_coverage()
    {
        // "Photosynthesis? Chlorophyll?" splits into two one-word questions, both filtered out: no components.
        // Keywords: photosynthesis, chlorophyll, "photosynthesis chlorophyll"; the answer has 1 of 3.
        const string prompt = "Photosynthesis? Chlorophyll?";
        const string answer = "Photosynthesis uses light energy.";
        Assert.Empty(PromptComponents.Decompose(prompt));
        Assert.Equal([prompt, answer], QualityScorer.TextsToEmbed(prompt, [answer]));
        var embeddings = Table((prompt, [1f, 0f]), (answer, [0.6f, 0.8f]));

        var result = Assert.Single(QualityScorer.Score(prompt, [answer], embeddings, QualityWeights.Production));

        // One sentence → r_sent = r_doc = 0.6. interim = 0.4·0.6 + 0.4·0.6 + 0.2·(1/3) = 0.5466667 = coverage.
        // rel = 0.48 + 0.2·0.5466667 = 0.5893333.
        Assert.Equal(1.0 / 3.0, result.KeywordCoverage, Tolerance);
        Assert.Equal(0.48 + 0.2 / 3, result.PromptCoverage, Tolerance);
        Assert.Equal(0.48 + 0.2 * (0.48 + 0.2 / 3), result.Relevance, Tolerance);
        // One piece of 4 words → heuristic coherence 0.5; one sentence without markers → complexity 0.
        Assert.Equal(0.5, result.Coherence, Tolerance);
        Assert.Equal(0.0, result.Complexity, Tolerance);
    }

    [Fact]
    public void Empty_prompt_has_neither_components_nor_keywords()
    {
        // keyword coverage = r_doc = 0.6; interim = coverage = 0.4·0.6 + 0.4·0.6 + 0.2·0.6 = 0.6; rel = 0.6.
        const string answer = "Photosynthesis uses light energy.";
        var embeddings = Table((string.Empty, [1f, 0f]), (answer, [0.6f, 0.8f]));

        var result = Assert.Single(QualityScorer.Score(string.Empty, [answer], embeddings, QualityWeights.Production));

        Assert.Equal(0.6, result.KeywordCoverage, Tolerance);
        Assert.Equal(0.6, result.PromptCoverage, Tolerance);
        Assert.Equal(0.6, result.Relevance, Tolerance);
    }

    [Fact]
    public void Component_below_the_coverage_threshold_is_missing()
    {
        // Components "What is TCP?" = (1,0,0) and "How does it differ from UDP?" = (0,1,0). The first answer
        // (0.6,0.8,0) covers both (cosines 0.6 and 0.8 ≥ 0.45) → 1; the second covers only the first → 1/2.
        // Both are single sentences, so the response side is the document vector alone.
        const string prompt = "What is TCP? How does it differ from UDP?";
        const string both = "TCP is reliable but UDP is not.";
        const string first = "TCP is a reliable stream.";
        var embeddings = Table(
            (prompt, [0.6f, 0.8f, 0f]),
            ("What is TCP?", [1f, 0f, 0f]),
            ("How does it differ from UDP?", [0f, 1f, 0f]),
            (both, [0.6f, 0.8f, 0f]),
            // (0.8, 0.44, √(1 − 0.64 − 0.1936)): cosines 0.8 and 0.44 < 0.45.
            (first, [0.8f, 0.44f, (float)Math.Sqrt(1 - 0.64 - 0.1936)]));

        var results = QualityScorer.Score(prompt, [both, first], embeddings, QualityWeights.Production);

        Assert.Equal(1.0, results[0].PromptCoverage, Tolerance);
        Assert.Equal(0.5, results[1].PromptCoverage, Tolerance);
    }

    [Fact]
    public void Relevance_gate_zeroes_quality_below_0_2()
    {
        const string relevant = "Plants make sugar from light.";
        const string offTopic = "Football scores were high today.";
        var embeddings = Table(
            (Prompt, [1f, 0f]),
            (relevant, [0.21f, (float)Math.Sqrt(1 - 0.21 * 0.21)]),
            (offTopic, [0.19f, (float)Math.Sqrt(1 - 0.19 * 0.19)]));

        var results = QualityScorer.Score(Prompt, [relevant, offTopic], embeddings, QualityWeights.Production);

        Assert.False(results[0].GatedByRelevance);
        Assert.True(results[0].Quality > 0);
        Assert.True(results[1].GatedByRelevance);
        Assert.Equal(0.0, results[1].Quality);
        // The signals are still reported for a gated answer.
        Assert.Equal(0.19, results[1].RawRelevance, Tolerance);
        Assert.True(results[1].Density > 0);
    }

    [Fact]
    public void A_missing_prompt_embedding_throws_so_the_caller_can_fall_back()
    {
        var embeddings = Table((Answer, [1f, 0f]));

        Assert.Throws<KeyNotFoundException>(() => QualityScorer.Score(Prompt, [Answer], embeddings, QualityWeights.Production));
    }

    [Fact]
    public void No_answers_give_no_breakdowns()
    {
        Assert.Empty(QualityScorer.Score(Prompt, [], Table(), QualityWeights.Production));
    }
}
