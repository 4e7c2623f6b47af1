using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Tests.Embeddings;

/// <summary>
/// The bundled all-MiniLM-L6-v2 against Python sentence-transformers' published values (embeddings.md §7).
/// </summary>
[Collection(SharedEmbedder.Name)]
public sealed class OnnxTextEmbedderTests(EmbedderFixture fixture)
{
    private const string Cat = "The cat sits on the mat";
    private const string SittingCat = "A cat is sitting on a mat";
    private const string Revenue = "Quarterly revenue grew 8%";

    [Fact]
    public void Bundled_model_is_all_MiniLM_L6_v2_with_384_dimensions()
    {
        Assert.Equal("all-MiniLM-L6-v2", fixture.Embedder.ModelName);
        Assert.Equal(384, fixture.Embedder.Dimensions);
    }

    [Fact]
    public async Task Example_sentence_matches_the_sentence_transformers_reference_prefix()
    {
        var vector = await fixture.EmbedAsync("This is an example sentence");

        Assert.Equal(384, vector.Length);
        Assert.Equal(0.06765693, vector[0], 1e-6);
        Assert.Equal(0.06349593, vector[1], 1e-6);
        Assert.Equal(0.04871314, vector[2], 1e-6);
    }

    [Fact]
    public async Task Quickstart_similarities_match_the_sentence_transformers_docs()
    {
        var vectors = await fixture.Embedder.EmbedAsync(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]);

        var matrix = VectorMath.SimilarityMatrix(vectors);

        Assert.Equal(0.6660, matrix[0, 1], 4);
        Assert.Equal(0.1046, matrix[0, 2], 4);
        Assert.Equal(0.1411, matrix[1, 2], 4);
    }

    [Theory]
    [InlineData(Cat, SittingCat, 0.9726)]
    [InlineData(Cat, Revenue, -0.0369)]
    [InlineData(SittingCat, Revenue, -0.0158)]
    [InlineData(Revenue, "Revenue rose eight percent this quarter", 0.8743)]
    [InlineData(Cat, "The dog plays in the garden", 0.1901)]
    public async Task Sentence_pair_cosines_match_the_reference(string first, string second, double expected)
    {
        var vectors = await fixture.Embedder.EmbedAsync([first, second]);

        Assert.Equal(expected, VectorMath.Dot(vectors[0], vectors[1]), 4);
    }

    [Fact]
    public async Task Every_vector_has_unit_length()
    {
        var vectors = await fixture.Embedder.EmbedAsync(["", "a", "Café déjà vu — 東京", Cat, TextOfWords(400)]);

        Assert.All(vectors, vector => Assert.Equal(1.0, VectorMath.Norm(vector), 1e-6));
    }

    [Fact]
    public async Task A_long_text_embeds_exactly_like_its_first_256_tokens()
    {
        // Every word here is a single word piece, so 254 words plus [CLS] and [SEP] fill the 256 positions.
        var longText = TextOfWords(600);
        var prefix = TextOfWords(254);

        var vectors = await fixture.Embedder.EmbedAsync([longText, prefix, TextOfWords(200)]);

        Assert.Equal(vectors[1], vectors[0]);
        Assert.NotEqual(vectors[2], vectors[0]);
    }

    [Fact]
    public async Task A_text_alone_equals_the_same_text_batched_with_longer_texts()
    {
        var alone = await fixture.EmbedAsync(Cat);

        var batched = await fixture.Embedder.EmbedAsync([TextOfWords(300), Cat, Revenue + " " + TextOfWords(40)]);

        Assert.Equal(alone, batched[1]);
    }

    [Fact]
    public async Task Equal_texts_in_one_call_give_identical_vectors_in_the_order_given()
    {
        var vectors = await fixture.Embedder.EmbedAsync([Revenue, Cat, Revenue]);

        Assert.Equal(vectors[0], vectors[2]);
        Assert.Equal(await fixture.EmbedAsync(Cat), vectors[1]);
    }

    [Fact]
    public async Task No_texts_give_no_vectors()
    {
        Assert.Empty(await fixture.Embedder.EmbedAsync([]));
    }

    [Fact]
    public async Task A_null_text_is_rejected_before_anything_is_queued()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Embedder.EmbedAsync([Cat, null!]));

        Assert.Contains("Text 1 is null", error.Message, StringComparison.Ordinal);
    }

    /// <summary><paramref name="count"/> words, each a single word piece in the uncased BERT vocabulary.</summary>
    internal static string TextOfWords(int count)
    {
        string[] words = ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "and", "runs", "away"];
        return string.Join(' ', Enumerable.Range(0, count).Select(i => words[i % words.Length]));
    }
}
