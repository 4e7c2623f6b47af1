using Loosh.Evaluation.Quality;

namespace Loosh.Evaluation.Tests.Quality;

/// <summary>KeywordCoverage: the prompt's top TF-IDF terms and their substring coverage (evaluation.md §3.2 item 3).</summary>
public sealed class KeywordCoverageTests
{
    [Fact]
    public void Prompt_keywords_are_its_unigrams_and_bigrams_without_stop_words()
    {
        // "in" is a stop word and is removed before bigrams form; five terms, all with positive weight.
        var keywords = KeywordCoverage.PromptKeywords("Explain photosynthesis in plants", ["Plants grow."]);

        Assert.Equal(
            ["explain", "explain photosynthesis", "photosynthesis", "photosynthesis plants", "plants"],
            keywords.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void At_most_ten_keywords_with_ties_broken_in_vocabulary_order()
    {
        // 12 unigrams + 11 bigrams, each once in the prompt and absent from the answer: equal weights, so the
        // ten ordinal-first terms are taken (deterministic choice where numpy's unstable argsort decides).
        var keywords = KeywordCoverage.PromptKeywords(
            "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima", ["nothing shared"]);

        Assert.Equal(
            ["alpha", "alpha bravo", "bravo", "bravo charlie", "charlie", "charlie delta", "delta", "delta echo", "echo", "echo foxtrot"],
            keywords);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Why is it so?")] // only stop words
    public void No_keywords_for_blank_or_stop_word_prompts(string prompt)
    {
        Assert.Empty(KeywordCoverage.PromptKeywords(prompt, ["Some answer about things."]));
    }

    [Fact]
    public void Coverage_is_the_case_insensitive_substring_fraction()
    {
        string[] keywords = ["explain", "explain photosynthesis", "photosynthesis", "photosynthesis plants", "plants"];

        // "photosynthesis" and "plants" occur (in any case); the other three do not → 2/5.
        Assert.Equal(0.4, KeywordCoverage.Fraction("PHOTOSYNTHESIS lets Plants grow", keywords), 1e-12);
    }

    [Fact]
    public void Coverage_matches_inside_words()
    {
        Assert.Equal(1.0, KeywordCoverage.Fraction("Categories", ["cat"]));
    }
}
