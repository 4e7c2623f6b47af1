using Loosh.Evaluation.Quality;

namespace Loosh.Evaluation.Tests.Quality;

/// <summary>DiscourseMarkers: whole-word counting and the substring-based type check (evaluation.md §3.2 item 7).</summary>
public sealed class DiscourseMarkersTests
{
    [Fact]
    public void Reference_sets_have_44_markers_in_four_types()
    {
        Assert.Equal(4, DiscourseMarkers.ByType.Count);
        Assert.Equal(11, DiscourseMarkers.ByType[DiscourseMarkerType.Causal].Count);
        Assert.Equal(12, DiscourseMarkers.ByType[DiscourseMarkerType.Contrast].Count);
        Assert.Equal(8, DiscourseMarkers.ByType[DiscourseMarkerType.Elaboration].Count);
        Assert.Equal(13, DiscourseMarkers.ByType[DiscourseMarkerType.Sequence].Count);
    }

    [Fact]
    public void Counts_multi_word_markers_once_case_insensitively()
    {
        // "As a result", "HOWEVER", "so", "on the other hand", "For example".
        const string text = "As a result, the cache fails; HOWEVER, so does the disk. On the other hand, For example it works.";

        Assert.Equal(5, DiscourseMarkers.Count(text));
    }

    [Theory]
    [InlineData("Resources are also scarce", 1)] // "also" only; "so" inside words does not count
    [InlineData("Sonic thus ran", 1)] // "thus"; "So" starts a longer word
    [InlineData("a so-called fix", 1)] // "-" is not a word character, as for Python's \b
    [InlineData("as  a result", 0)] // markers need single spaces
    [InlineData("", 0)]
    public void Counts_whole_words_only(string text, int expected)
    {
        Assert.Equal(expected, DiscourseMarkers.Count(text));
    }

    [Fact]
    public void Word_boundaries_follow_python_not_dotnet()
    {
        // U+0301 (combining acute, category Mn) is a word character for .NET's \b but not for Python's, so the
        // reference counts "so" here; "²" (category No) is a word character for Python but not for .NET.
        Assert.Equal(1, DiscourseMarkers.Count("so\u0301 what"));
        Assert.Equal(0, DiscourseMarkers.Count("so² what"));
    }

    [Fact]
    public void Types_present_uses_substrings_as_the_reference_does()
    {
        // Sequence through "also"; causal through the "so" inside "Resources" and "also" (not a whole word).
        Assert.Equal(2, DiscourseMarkers.TypesPresent("Resources also matter."));
        Assert.Equal(0, DiscourseMarkers.TypesPresent("Plain words here."));
        Assert.Equal(4, DiscourseMarkers.TypesPresent("Because of this, however, for example, first"));
    }
}
