using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Sybil;
using static Loosh.Evaluation.Tests.Sybil.SybilFixtures;

namespace Loosh.Evaluation.Tests.Sybil;

/// <summary>SybilDetector.Detect: pairs, groups and thresholds for whole challenges (evaluation.md §7, §12, E12).</summary>
public sealed class SybilDetectorTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void E12_semantic_pair_and_strict_group()
    {
        // Answer 1 is shaped unlike the prose (list, bullets, code), so only the semantic view can flag (0, 1).
        var answers = Answers(Prose[0], Structured, Prose[2], Prose[3]);

        var result = SybilDetector.Detect(answers, E12(0.95), NoSentences);

        Assert.Equal(0.94885, result.Thresholds.High, Tolerance);
        Assert.Equal(0.95885, result.Thresholds.VeryHigh, Tolerance);
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(("hk0", "hk1"), (pair.Hotkey1, pair.Hotkey2));
        Assert.Equal(SybilMethod.Semantic, pair.Method);
        Assert.Equal(0.95, pair.Similarity);
        Assert.False(result.Thresholds.IsVeryHigh(pair.Similarity));
        var group = Assert.Single(result.Groups);
        Assert.Equal(["hk0", "hk1"], group.Hotkeys);
        Assert.Equal((0.95, 0.95, 0.95), (group.AverageSimilarity, group.MinSimilarity, group.MaxSimilarity));
        Assert.Contains("similarity=0.9500 (HIGH)", result.Report(), StringComparison.Ordinal);
    }

    [Fact]
    public void E12_with_plain_prose_the_fusion_view_reports_the_structural_value()
    {
        var result = SybilDetector.Detect(Answers(Prose), E12(0.95), NoSentences);

        var pair = Assert.Single(result.Pairs);
        Assert.Equal(("hk0", "hk1"), (pair.Hotkey1, pair.Hotkey2));
        Assert.Equal(SybilMethod.Fusion, pair.Method);
        // Semantic 0.95 ≥ 0.92 and structure ≥ 0.80 vote; the reported value is the largest view, the structural one.
        Assert.Equal(0.95, pair.Views.Semantic);
        Assert.Equal(0.0, pair.Views.Lexical);
        Assert.Equal(pair.Views.Structural, pair.Similarity);
        Assert.True(pair.Similarity > 0.95885, $"structural similarity {pair.Similarity}");
        Assert.True(result.Thresholds.IsVeryHigh(pair.Similarity));
        Assert.Equal(["hk0", "hk1"], Assert.Single(result.Groups).Hotkeys);
        Assert.Contains("(VERY HIGH); semantic=0.9500 lexical=0.0000", result.Report(), StringComparison.Ordinal);
    }

    [Fact]
    public void E12_with_the_semantic_fusion_score_a_tie_goes_to_the_semantic_method()
    {
        var result = SybilDetector.Detect(Answers(Prose), E12(0.95), NoSentences, FusionScore.Semantic);

        var pair = Assert.Single(result.Pairs);
        Assert.Equal(SybilMethod.Semantic, pair.Method);
        Assert.Equal(0.95, pair.Similarity);
    }

    [Fact]
    public void E12_with_s01_at_0_79_flags_nothing()
    {
        var result = SybilDetector.Detect(Answers(Prose), E12(0.79), NoSentences);

        Assert.Equal(new SybilThresholds(0.80, 0.88), result.Thresholds);
        Assert.Empty(result.Pairs);
        Assert.Empty(result.Groups);
        Assert.False(result.HasFindings);
    }

    [Fact]
    public void Identical_texts_are_flagged_by_the_lexical_and_structural_views_even_when_embeddings_disagree()
    {
        var answers = Answers(Prose[0], Prose[0], Prose[1]);
        // Sorted [0.3, 0.3, 0.5]: p99.9 = 0.5 − 0.2·0.002 = 0.4996 → floored to 0.80, so the semantic view is silent.
        var similarities = Matrix(3, (0, 1, 0.5), (0, 2, 0.3), (1, 2, 0.3));

        var result = SybilDetector.Detect(answers, similarities, NoSentences);

        Assert.Equal(0.80, result.Thresholds.High);
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(("hk0", "hk1", SybilMethod.Fusion), (pair.Hotkey1, pair.Hotkey2, pair.Method));
        Assert.Equal(1.0, pair.Views.Lexical!.Value, Tolerance);
        Assert.Equal(1.0, pair.Similarity, 1e-6);
        Assert.Empty(result.Groups);
    }

    [Fact]
    public void A_chain_loses_the_end_whose_weakest_link_is_below_0_90()
    {
        // a–b 0.95, b–c 0.95, a–c 0.85: sorted [0.85, 0.95, 0.95] → high = 0.95 (both top values equal).
        // One component {a, b, c}; lowest similarity to the others: a 0.85, b 0.95, c 0.85 → a and c tie below
        // 0.90 and the ordinal-lowest hotkey, a, goes; {b, c} has minimum 0.95 and stays.
        SybilAnswer[] answers = [new("a", Prose[0]), new("b", Prose[1]), new("c", Prose[2])];
        var similarities = Matrix(3, (0, 1, 0.95), (1, 2, 0.95), (0, 2, 0.85));

        var result = SybilDetector.Detect(answers, similarities, NoSentences);
        var reversed = SybilDetector.Detect([.. answers.Reverse()], Matrix(3, (2, 1, 0.95), (1, 0, 0.95), (2, 0, 0.85)), NoSentences);

        Assert.Equal(0.95, result.Thresholds.High, Tolerance);
        var group = Assert.Single(result.Groups);
        Assert.Equal(["b", "c"], group.Hotkeys);
        Assert.Equal((0.95, 0.95, 0.95), (group.AverageSimilarity, group.MinSimilarity, group.MaxSimilarity));
        Assert.Equal(["b", "c"], Assert.Single(reversed.Groups).Hotkeys);
        Assert.Equal(result.Pairs.Select(p => (p.Hotkey1, p.Hotkey2)), reversed.Pairs.Select(p => (p.Hotkey1, p.Hotkey2)));
    }

    [Fact]
    public void A_group_keeps_all_members_when_every_pair_is_at_least_0_90()
    {
        // a–b 0.97 and b–c 0.97 are edges (high = 0.97); a–c 0.91 is no edge but passes the 0.90 check.
        var answers = Answers(Prose[0], Prose[1], Prose[2]);
        var similarities = Matrix(3, (0, 1, 0.97), (1, 2, 0.97), (0, 2, 0.91));

        var group = Assert.Single(SybilDetector.Detect(answers, similarities, NoSentences).Groups);

        Assert.Equal(["hk0", "hk1", "hk2"], group.Hotkeys);
        Assert.Equal((0.97 + 0.97 + 0.91) / 3, group.AverageSimilarity, Tolerance);
        Assert.Equal((0.91, 0.97), (group.MinSimilarity, group.MaxSimilarity));
    }

    [Fact]
    public void The_length_gate_counts_characters_as_python_does()
    {
        var fifty = new string('x', 50);
        // 48 letters and one emoji: 49 code points although .NET's Length is 50.
        var fortyNine = new string('y', 48) + "😀";
        var alsoFifty = new string('z', 50);

        var result = SybilDetector.Detect(Answers(fifty, fortyNine, alsoFifty), Uniform(3, 0.99), NoSentences);

        Assert.True(SybilDetector.IsEligible(fifty));
        Assert.False(SybilDetector.IsEligible(fortyNine));
        Assert.False(SybilDetector.IsEligible(new string('x', 49)));
        Assert.Equal(2, result.EligibleCount);
        // One eligible similarity: the floors apply and 0.99 ≥ 0.80.
        Assert.Equal(new SybilThresholds(0.80, 0.88), result.Thresholds);
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(("hk0", "hk2"), (pair.Hotkey1, pair.Hotkey2));
        Assert.Equal(["hk0", "hk2"], Assert.Single(result.Groups).Hotkeys);
    }

    [Fact]
    public void Too_few_eligible_answers_flag_nothing()
    {
        var result = SybilDetector.Detect(Answers(Prose[0], "too short"), Uniform(2, 1.0), NoSentences);

        Assert.Equal(new SybilThresholds(0.80, 0.88), result.Thresholds);
        Assert.False(result.HasFindings);
    }

    private const string Rivers = "Rivers carry fresh water. Mountains rise above valleys. Forests shelter many animals. Deserts receive little rain. Oceans cover most surfaces. Glaciers carve deep fjords.";
    private const string Engines = "Engines burn liquid fuel. Pistons move inside cylinders. Gears transfer rotational force. Brakes convert motion heat. Tyres grip wet roads. Batteries store electric charge.";
    private const string Music = "Violins need careful tuning. Drums keep steady rhythm. Flutes produce airy tones. Trumpets sound bright notes. Cellos sing low melodies. Pianos have many keys.";

    /// <summary>
    /// Sentence vectors: Rivers and Engines get the same six vectors sentence by sentence (coordinates 0–5), Music the
    /// same shape in coordinates 6–11, orthogonal to both.
    /// </summary>
    private static EmbeddedTexts TrajectoryEmbeddings()
    {
        var rows = SentenceTrajectoryTests.SixSentences();
        var vectors = new Dictionary<string, float[]>();
        foreach (var (text, offset) in new[] { (Rivers, 0), (Engines, 0), (Music, 6) })
        {
            var sentences = SybilDetector.TextsToEmbed([text]);
            Assert.Equal(6, sentences.Count);
            for (var s = 0; s < sentences.Count; s++)
            {
                vectors[sentences[s]] = GramVectors.Padded(rows[s], offset, 12);
            }
        }
        return EmbeddedTexts.FromVectors(vectors);
    }

    [Fact]
    public void Answers_with_the_same_sentence_vectors_are_flagged_by_trajectory()
    {
        var answers = Answers(Rivers, Engines, Music);

        var result = SybilDetector.Detect(answers, Uniform(3, 0.3), TrajectoryEmbeddings());

        // No semantic (0.3 < 0.80) or lexical evidence: only identical fingerprints (similarity 1) flag (0, 1); Music's
        // centroids are orthogonal to theirs (similarity 0).
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(("hk0", "hk1", SybilMethod.Trajectory), (pair.Hotkey1, pair.Hotkey2, pair.Method));
        Assert.Equal(1.0, pair.Similarity, 1e-6);
        Assert.Equal(0.3, pair.Views.Semantic);
        Assert.Empty(result.Groups);
    }

    [Fact]
    public void TextsToEmbed_lists_the_kept_sentences_of_answers_that_get_a_fingerprint()
    {
        const string shortFive = "Aa bb cc. Dd ee ff. Gg hh ii. Jj kk ll. Mm nn oo.";
        const string fourSentences = "Rivers carry fresh water. Mountains rise above valleys. Forests shelter many animals. Deserts get rain.";
        const string fiveWithAFragment = "Rivers carry fresh water. Yes. Mountains rise above valleys. Forests shelter many animals. Deserts receive little rain. Oceans cover most surfaces.";

        var texts = SybilDetector.TextsToEmbed([shortFive, fourSentences, fiveWithAFragment, fiveWithAFragment]);

        // shortFive has five sentences but only 49 characters; fourSentences has too few; the repeated answer's five
        // sentences of three or more words are listed once ("Yes." is dropped).
        Assert.Equal(
            ["Rivers carry fresh water.", "Mountains rise above valleys.", "Forests shelter many animals.", "Deserts receive little rain.", "Oceans cover most surfaces."],
            texts);
    }

    [Fact]
    public void Identical_answers_are_flagged_pairwise_and_form_one_group()
    {
        // §12: k identical answers of at least 50 characters: cos = 1 for every pair, every pair flagged (semantic,
        // fusion, and trajectory with ≥ 5 sentences), one strict group.
        var answers = Answers(Rivers, Rivers, Rivers);

        var result = SybilDetector.Detect(answers, Uniform(3, 1.0), TrajectoryEmbeddings());

        // Sorted [1, 1, 1]: high = max(1, 0.80) = 1; very high = max(1, 0.88, 1 + 0.01) = 1.01, so even identical
        // answers are reported as HIGH only.
        Assert.Equal(1.0, result.Thresholds.High, Tolerance);
        Assert.Equal(1.01, result.Thresholds.VeryHigh, Tolerance);
        Assert.Equal([("hk0", "hk1"), ("hk0", "hk2"), ("hk1", "hk2")], result.Pairs.Select(p => (p.Hotkey1, p.Hotkey2)));
        Assert.All(result.Pairs, pair =>
        {
            Assert.Equal(1.0, pair.Similarity, 1e-6);
            Assert.Equal(1.0, pair.Views.Semantic);
            Assert.Equal(1.0, pair.Views.Lexical!.Value, 1e-9);
            Assert.Equal(1.0, pair.Views.Structural!.Value, 1e-6);
            Assert.Equal(1.0, pair.Views.Trajectory!.Value, 1e-6);
            Assert.False(result.Thresholds.IsVeryHigh(pair.Similarity));
        });
        var group = Assert.Single(result.Groups);
        Assert.Equal(["hk0", "hk1", "hk2"], group.Hotkeys);
        Assert.Equal((1.0, 1.0, 1.0), (group.AverageSimilarity, group.MinSimilarity, group.MaxSimilarity));
        Assert.DoesNotContain("VERY HIGH", result.Report(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pairs_of_equal_similarity_are_ordered_by_hotkeys_not_arrival()
    {
        // Every pair at 0.99 (high = 0.99); reporting the semantic value for fusion makes all three similarities
        // equal, so only the hotkey tie-break orders them.
        SybilAnswer[] answers = [new("z", Prose[0]), new("m", Prose[1]), new("a", Prose[2])];

        var result = SybilDetector.Detect(answers, Uniform(3, 0.99), NoSentences, FusionScore.Semantic);

        Assert.Equal([("a", "m"), ("a", "z"), ("m", "z")], result.Pairs.Select(p => (p.Hotkey1, p.Hotkey2)));
        Assert.All(result.Pairs, p => Assert.Equal((0.99, SybilMethod.Semantic), (p.Similarity, p.Method)));
    }

    [Fact]
    public void Mismatched_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SybilDetector.Detect(Answers(Prose[0], Prose[1]), Uniform(3, 0.5), NoSentences));
        Assert.Throws<ArgumentException>(() => SybilDetector.Detect([new("a", Prose[0]), new("a", Prose[1])], Uniform(2, 0.5), NoSentences));
        Assert.Throws<ArgumentException>(() => SybilDetector.Detect(Answers(Prose[0], Prose[1]), Uniform(2, double.NaN), NoSentences));
    }
}
