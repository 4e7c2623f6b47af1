using System.Text;
using Microsoft.ML.Tokenizers;

namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// Lower-casing, accent-stripping WordPiece tokenizer of sentence-transformers' BERT-family models: one sequence of
/// ids per text, with the start and end markers, truncated to a maximum length (embeddings.md §6).
/// </summary>
public sealed class SentenceTokenizer
{
    private readonly BertTokenizer _tokenizer;

    private SentenceTokenizer(BertTokenizer tokenizer, int maxSequenceLength)
    {
        _tokenizer = tokenizer;
        MaxSequenceLength = maxSequenceLength;
    }

    /// <summary>Most ids <see cref="Encode"/> returns, markers included.</summary>
    public int MaxSequenceLength { get; }

    /// <summary>Id that fills the positions after a text's end when texts of different lengths share a batch.</summary>
    public int PaddingId => _tokenizer.PaddingTokenId;

    /// <summary>Reads the vocabulary (one token per line) and detects its special tokens.</summary>
    /// <exception cref="InvalidOperationException">The process cannot decompose Unicode (invariant globalization).</exception>
    /// <exception cref="InvalidDataException">The vocabulary has no recognised special tokens.</exception>
    public static SentenceTokenizer Load(string vocabularyPath, int maxSequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 2);
        EnsureUnicodeDecomposition();
        var vocabulary = File.ReadLines(vocabularyPath).Select(line => line.TrimEnd('\r')).ToHashSet(StringComparer.Ordinal);
        var special = SpecialTokens.Detect(vocabulary, vocabularyPath);
        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            RemoveNonSpacingMarks = true,
            ClassificationToken = special.Start,
            SeparatorToken = special.End,
            PaddingToken = special.Padding,
            UnknownToken = special.Unknown,
            MaskingToken = special.Mask,
        };
        using var stream = File.OpenRead(vocabularyPath);
        return new SentenceTokenizer(BertTokenizer.Create(stream, options), maxSequenceLength);
    }

    /// <summary>The ids of <paramref name="text"/>: start marker, word pieces, end marker, at most
    /// <see cref="MaxSequenceLength"/> in all.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. _tokenizer.EncodeToIds(text, MaxSequenceLength, addSpecialTokens: true, out _, out _, considerPreTokenization: true, considerNormalization: true)];
    }

    /// <summary>
    /// Uncased BERT strips accents by decomposing characters (é → e + ◌́). With invariant globalization .NET leaves
    /// them composed, and the tokenizer silently turns accented words into [UNK], so refuse to start instead.
    /// </summary>
    private static void EnsureUnicodeDecomposition()
    {
        if ("\u00E9".Normalize(NormalizationForm.FormD) != "e\u0301")
        {
            throw new InvalidOperationException(
                "Unicode decomposition is unavailable (the process runs with invariant globalization or without ICU), so accented text would tokenize to [UNK]. Run with InvariantGlobalization=false and ICU installed.");
        }
    }
}
