using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Tests.Foundation;

/// <summary>Sentences: the reference's regex splitting rules (evaluation.md §3.1, §3.6, E11).</summary>
public sealed class SentencesTests
{
    [Fact]
    public void E11_split_keeps_sentences_of_three_or_more_words()
    {
        Assert.Equal(
            ["This is one sentence.", "And here is another one!"],
            Sentences.Split("Hi. This is one sentence. And here is another one! Ok"));
    }

    [Fact]
    public void Split_cuts_only_at_whitespace_after_a_terminator()
    {
        // "3.14" and "e.g.x" have no whitespace after the dot, so they stay inside their sentence.
        Assert.Equal(
            ["Pi is about 3.14 in value.", "Why is that so?", "Nobody knows e.g.x for sure!"],
            Sentences.Split("  Pi is about 3.14 in value.  Why is that so?\nNobody knows e.g.x for sure!  "));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("Too short. Also short.")]
    public void Split_of_blank_or_short_text_is_empty(string text)
    {
        Assert.Empty(Sentences.Split(text));
    }

    [Fact]
    public void SplitOnTerminators_drops_empty_pieces_between_runs()
    {
        Assert.Equal(["Wait", "What", "Yes"], Sentences.SplitOnTerminators("Wait... What?! Yes."));
    }

    [Fact]
    public void Words_split_on_any_whitespace_like_python()
    {
        Assert.Equal(["a", "b,", "c"], Sentences.Words(" a\tb,\n\n c "));
        Assert.Equal(0, Sentences.WordCount("   "));
    }
}
