using Loosh.Evaluation.Quality;

namespace Loosh.Evaluation.Tests.Quality;

/// <summary>LexicalSignals and HeuristicQuality: density, specificity, heuristic coherence and the §3.6 fallback (E11).</summary>
public sealed class LexicalSignalsTests
{
    private const double Tolerance = 1e-7;

    private const string Fox = "The quick brown fox jumps over the lazy dog";

    private const string Microsoft =
        "In 2023, Microsoft released several Windows updates. They fixed security problems: mostly kernel vulnerabilities.";

    [Fact]
    public void E11_density_of_the_fox_sentence_is_five_ninths()
    {
        // Content words: quick, brown, jumps, over, lazy; "the" is filler, "fox" and "dog" are too short.
        Assert.Equal(5.0 / 9.0, LexicalSignals.Density(Fox), Tolerance);
    }

    [Fact]
    public void E11_specificity_is_0_9()
    {
        // 0.3 (digit) + 0.2 (Microsoft, Windows) + min(0.2, 2·3/14) + 0.2 (colon).
        Assert.Equal(0.9, LexicalSignals.Specificity(Microsoft), Tolerance);
    }

    [Fact]
    public void E11_density_is_0_9286()
    {
        // 14 words; only "In" is not a content word ("2023," has five characters, "They" is not filler).
        Assert.Equal(13.0 / 14.0, LexicalSignals.Density(Microsoft), Tolerance);
        Assert.Equal(0.9286, LexicalSignals.Density(Microsoft), 1e-4);
    }

    [Fact]
    public void E11_heuristic_coherence_is_1()
    {
        // Two pieces of 7 words: 0.5 + 0.3 (mean in [5, 30]) + 0.2 (more than one piece).
        Assert.Equal(1.0, LexicalSignals.HeuristicCoherence(Microsoft), Tolerance);
    }

    [Fact]
    public void Filler_list_has_the_76_words_the_spec_lists()
    {
        // §3.2 item 8 says "(58)" but lists 76 words; the list is what the reference uses.
        Assert.Equal(76, LexicalSignals.FillerWords.Count);
        Assert.Contains("considerations", (IReadOnlySet<string>)LexicalSignals.FillerWords);
        Assert.Contains("issues", (IReadOnlySet<string>)LexicalSignals.FillerWords);
    }

    [Theory]
    [InlineData("", 0.0)]
    [InlineData("   ", 0.0)]
    [InlineData("Important aspects matter", 1.0 / 3.0)]
    public void Density_edge_cases(string text, double expected)
    {
        // "Important" lower-cases to a filler word, "aspects" is filler, "matter" is content.
        Assert.Equal(expected, LexicalSignals.Density(text), Tolerance);
    }

    [Fact]
    public void Word_lengths_count_code_points_as_python_does()
    {
        // Five emoji are 5 characters in Python but 10 UTF-16 units: not a long word (> 8), so no long-word share.
        // Four emoji are 4 characters, a content word (> 3).
        Assert.Equal(0.0, LexicalSignals.Specificity("😀😀😀😀😀 ok"), Tolerance);
        Assert.Equal(1.0, LexicalSignals.Density("😀😀😀😀"), Tolerance);
        Assert.Equal(0.0, LexicalSignals.Density("😀😀😀"), Tolerance);
    }

    [Fact]
    public void Proper_nouns_cap_at_0_3_and_first_words_do_not_count()
    {
        // "Alice Bob Carol Dave Erin": first word skipped, four capitals → min(0.3, 0.4); no long words.
        Assert.Equal(0.3, LexicalSignals.Specificity("Alice Bob Carol Dave Erin"), Tolerance);
        // Each piece after a terminator starts afresh: "Yes. No. Maybe." has no counted capitals.
        Assert.Equal(0.0, LexicalSignals.Specificity("Yes. No. Maybe."), Tolerance);
    }

    [Theory]
    [InlineData("", 0.0)]
    [InlineData("...", 0.0)]
    [InlineData("Yes. No. Ok.", 0.5)] // mean 1 word < 3: 0.5 − 0.2 + 0.2
    [InlineData("This is fine", 0.5)] // mean 3 words, one piece: 0.5
    [InlineData("This answer has five words", 0.8)] // one piece of 5 words: 0.5 + 0.3
    public void Heuristic_coherence_rules(string text, double expected)
    {
        Assert.Equal(expected, LexicalSignals.HeuristicCoherence(text), Tolerance);
    }

    [Fact]
    public void Heuristic_quality_weighs_relevance_density_specificity_and_coherence()
    {
        // 0.4·0.5 + 0.2·(13/14) + 0.2·0.9 + 0.2·1.0 = 0.2 + 0.1857143 + 0.18 + 0.2.
        var expected = 0.4 * 0.5 + 0.2 * (13.0 / 14.0) + 0.2 * 0.9 + 0.2 * 1.0;

        Assert.Equal(expected, HeuristicQuality.Score(Microsoft, 0.5), Tolerance);
        Assert.Equal(expected, HeuristicQuality.Score(Microsoft, rawRelevance: null), Tolerance);
    }

    [Fact]
    public void Heuristic_quality_is_gated_by_raw_relevance()
    {
        Assert.Equal(0.0, HeuristicQuality.Score(Microsoft, 0.19));
        Assert.True(HeuristicQuality.Score(Microsoft, 0.2) > 0);
    }
}
