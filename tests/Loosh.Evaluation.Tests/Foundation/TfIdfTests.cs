using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Tests.Foundation;

/// <summary>TfIdf: scikit-learn's TfidfVectorizer(stop_words="english", ngram_range=(1, 2)) rules.</summary>
public sealed class TfIdfTests
{
    [Fact]
    public void Terms_are_lower_cased_unigrams_and_bigrams_without_stop_words_or_one_letter_tokens()
    {
        // "The" and "is" are stop words, "a" and "1" are single characters; the bigram joins the neighbours left
        // after stop-word removal ("cat" and "sat" were not adjacent in the text).
        var counts = TfIdf.CountTerms("The Cat is a 1 cat, SAT!");
        Assert.Equal(new Dictionary<string, int> { ["cat"] = 2, ["cat cat"] = 1, ["cat sat"] = 1, ["sat"] = 1 }, counts);
    }

    [Fact]
    public void Weights_use_smooth_idf_and_unit_rows()
    {
        // Documents: d0 = "apple banana", d1 = "apple cherry". Vocabulary (ordinal): apple, apple banana,
        // apple cherry, banana, cherry. idf(apple) = ln(3/3) + 1 = 1; idf(others) = ln(3/2) + 1.
        var model = TfIdf.Fit(["apple banana", "apple cherry"]);
        Assert.Equal(["apple", "apple banana", "apple cherry", "banana", "cherry"], model.Vocabulary);

        var rare = Math.Log(1.5) + 1;
        // Each row has apple (1) and two rare terms; squared norm 1 + 2·rare². Only "apple" is shared.
        var expectedCosine = 1.0 / (1 + 2 * rare * rare);
        Assert.Equal(expectedCosine, model.Cosine(0, 1), 12);
        Assert.Equal(1.0, model.Cosine(0, 0), 12);
    }

    [Fact]
    public void Top_terms_put_rare_terms_first_and_skip_zero_weights()
    {
        var model = TfIdf.Fit(["tcp udp", "tcp", "tcp"]);
        // In d0, udp (df 1) outweighs tcp (df 3) and the bigram "tcp udp" ties with udp; ties go in vocabulary order.
        Assert.Equal(["tcp udp", "udp", "tcp"], model.TopTerms(0, 10));
        Assert.Equal(["tcp"], model.TopTerms(1, 10));
        Assert.Empty(TfIdf.Fit(["the and of", "tcp"]).TopTerms(0, 10));
    }

    [Fact]
    public void Feature_cap_keeps_the_most_frequent_terms_with_ties_in_ordinal_order()
    {
        var model = TfIdf.Fit(["zebra zebra yak", "xerus"], maxFeatures: 2);
        // Totals: zebra 2, then yak / xerus / "zebra zebra" / "zebra yak" with 1 each; the ordinal-first of those is "xerus".
        Assert.Equal(["xerus", "zebra"], model.Vocabulary);
    }

    [Fact]
    public void Documents_without_terms_have_zero_similarity()
    {
        var model = TfIdf.Fit(["the of and", "apple"]);
        Assert.Equal(0.0, model.Cosine(0, 1));
        Assert.Equal(0.0, model.Cosine(0, 0));
    }

    [Fact]
    public void Stop_word_list_is_scikit_learns()
    {
        Assert.Equal(317, EnglishStopWords.All.Count);
        Assert.Contains("no one", (IReadOnlySet<string>)EnglishStopWords.All);
        Assert.Contains("yourselves", (IReadOnlySet<string>)EnglishStopWords.All);
        Assert.DoesNotContain("python", (IReadOnlySet<string>)EnglishStopWords.All);
    }
}
