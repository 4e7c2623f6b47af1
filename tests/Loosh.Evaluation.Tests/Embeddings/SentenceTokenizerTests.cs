using Loosh.Evaluation.Embeddings;

namespace Loosh.Evaluation.Tests.Embeddings;

/// <summary>WordPiece ids against Hugging Face's tokenizer (embeddings.md §7) and special-token detection.</summary>
public sealed class SentenceTokenizerTests : IDisposable
{
    private static readonly Lazy<SentenceTokenizer> Bundled = new(() =>
        SentenceTokenizer.Load(EmbeddingModelFiles.Locate(null).VocabularyPath, 256));

    private readonly string _folder = Directory.CreateTempSubdirectory("loosh-vocab-").FullName;

    [Theory]
    [InlineData("This is an example sentence", new[] { 101, 2023, 2003, 2019, 2742, 6251, 102 })]
    [InlineData("", new[] { 101, 102 })]
    [InlineData("Café déjà vu — 東京", new[] { 101, 7668, 2139, 3900, 24728, 1517, 1879, 1755, 102 })]
    public void Ids_match_the_Hugging_Face_tokenizer(string text, int[] expected)
    {
        Assert.Equal(expected, Bundled.Value.Encode(text));
    }

    [Fact]
    public void Long_texts_are_cut_to_the_maximum_length_with_the_end_marker_kept()
    {
        var ids = Bundled.Value.Encode(OnnxTextEmbedderTests.TextOfWords(600));

        Assert.Equal(256, ids.Length);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
    }

    [Fact]
    public void Bert_vocabulary_pads_with_the_bracketed_padding_token()
    {
        Assert.Equal(0, Bundled.Value.PaddingId);
    }

    [Fact]
    public void MPNet_style_vocabulary_uses_its_angle_bracket_markers()
    {
        // Like all-mpnet-base-v2's vocab.txt: RoBERTa-style markers first, BERT's bracketed tokens kept as plain entries.
        var path = WriteVocabulary("<s>", "<pad>", "</s>", "<unk>", "[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]", "hello", "world", "<mask>");

        var tokenizer = SentenceTokenizer.Load(path, 16);

        Assert.Equal([0, 9, 10, 2], tokenizer.Encode("Hello WORLD"));
        Assert.Equal([0, 3, 2], tokenizer.Encode("unknown"));
        Assert.Equal(1, tokenizer.PaddingId);
    }

    [Fact]
    public void A_vocabulary_without_special_tokens_is_rejected()
    {
        var path = WriteVocabulary("hello", "world");

        var error = Assert.Throws<InvalidDataException>(() => SentenceTokenizer.Load(path, 16));

        Assert.Contains("[CLS]", error.Message, StringComparison.Ordinal);
        Assert.Contains("<s>", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteVocabulary(params string[] tokens)
    {
        var path = Path.Combine(_folder, "vocab.txt");
        File.WriteAllLines(path, tokens);
        return path;
    }
}
