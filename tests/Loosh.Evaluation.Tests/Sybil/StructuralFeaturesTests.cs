using Loosh.Evaluation.Sybil;

namespace Loosh.Evaluation.Tests.Sybil;

/// <summary>StructuralFeatures: the seven answer-shape features and their cosine (evaluation.md §7.4).</summary>
public sealed class StructuralFeaturesTests
{
    private const float FeatureTolerance = 1e-7f;

    // 14 + 1 + 20 = 35 characters; pieces between ".!?" runs: "One two three", " Four five six seven" → 2 sentences
    // of 3 and 4 words (mean 3.5); no list, bullet or code; one paragraph.
    private const string Prose = "One two three. Four five six seven!";
    private static readonly float[] ProseFeatures = [35 / 10000f, 2 / 50f, 0, 0, 0, 1 / 20f, 3.5f / 50];

    // 13 + 1 + 8 + 1 + 10 = 33 characters; pieces "1" and " Install it\n- run it\n```code```" → 2 sentences of 1 and
    // 6 words (mean 3.5); "1. " opens the text, "\n- " is a bullet, ``` present; no blank line, one paragraph.
    private const string Listing = "1. Install it\n- run it\n```code```";
    private static readonly float[] ListingFeatures = [33 / 10000f, 2 / 50f, 1, 1, 1, 1 / 20f, 3.5f / 50];

    // 21 + 2 + 16 = 39 characters; 2 sentences of 3 words; split on "\n\n" → 2 paragraphs.
    private const string TwoParagraphs = "First paragraph here.\n\nSecond one here.";
    private static readonly float[] TwoParagraphFeatures = [39 / 10000f, 2 / 50f, 0, 0, 0, 2 / 20f, 3 / 50f];

    public static TheoryData<string, float[]> Texts => new()
    {
        { Prose, ProseFeatures },
        { Listing, ListingFeatures },
        { TwoParagraphs, TwoParagraphFeatures },
        { "", [0, 0, 0, 0, 0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Features_of_hand_written_texts(string text, float[] expected)
    {
        var features = StructuralFeatures.Of(text);

        Assert.Equal(expected.Length, features.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - features[i]) <= FeatureTolerance, $"feature {i}: expected {expected[i]}, got {features[i]}");
        }
    }

    [Fact]
    public void Bullets_need_a_line_start_and_a_following_space()
    {
        Assert.Equal(0f, StructuralFeatures.Of("a - b and 3. c")[3]);
        Assert.Equal(0f, StructuralFeatures.Of("a - b and 3. c")[2]);
        Assert.Equal(1f, StructuralFeatures.Of("intro\n  • point")[3]);
        Assert.Equal(1f, StructuralFeatures.Of("intro\n 12) point")[2]);
    }

    [Fact]
    public void Similarity_of_prose_and_a_listing()
    {
        // dot = 0.0035·0.0033 + 0.04² + 0.05² + 0.07² = 0.00001155 + 0.009 = 0.00901155
        // |prose|² = 0.0035² + 0.009 = 0.00901225; |listing|² = 0.0033² + 0.009 + 3 = 3.00901089
        var expected = 0.00901155 / Math.Sqrt(0.00901225 * 3.00901089);

        Assert.Equal(expected, StructuralFeatures.Similarity(ProseFeatures, ListingFeatures), 1e-6);
    }

    [Fact]
    public void Similarity_of_a_text_with_itself_is_one()
    {
        Assert.Equal(1.0, StructuralFeatures.Similarity(ListingFeatures, ListingFeatures), 1e-6);
    }

    [Fact]
    public void An_empty_text_is_dissimilar_to_everything_rather_than_undefined()
    {
        var empty = StructuralFeatures.Of("");

        Assert.Equal(0.0, StructuralFeatures.Similarity(empty, ProseFeatures));
        Assert.Equal(0.0, StructuralFeatures.Similarity(empty, empty));
    }
}
