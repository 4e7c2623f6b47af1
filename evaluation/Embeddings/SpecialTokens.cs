namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// The marker tokens a WordPiece vocabulary uses: BERT's bracketed ones, or the RoBERTa-style ones of MPNet exports
/// such as all-mpnet-base-v2.
/// </summary>
internal sealed record SpecialTokens(string Start, string End, string Padding, string Unknown, string Mask)
{
    private static readonly SpecialTokens Bert = new("[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]");
    private static readonly SpecialTokens Roberta = new("<s>", "</s>", "<pad>", "<unk>", "<mask>");

    /// <summary>The set the vocabulary defines.</summary>
    /// <exception cref="InvalidDataException">The vocabulary defines neither set completely.</exception>
    public static SpecialTokens Detect(IReadOnlySet<string> vocabulary, string vocabularyPath)
    {
        // RoBERTa-style first: MPNet vocabularies keep BERT's bracketed tokens as ordinary entries besides their own.
        foreach (var candidate in (ReadOnlySpan<SpecialTokens>)[Roberta, Bert])
        {
            if (candidate.All.All(vocabulary.Contains))
            {
                return candidate;
            }
        }
        throw new InvalidDataException(
            $"{vocabularyPath} defines neither BERT's special tokens ({string.Join(' ', Bert.All)}) nor RoBERTa's ({string.Join(' ', Roberta.All)}).");
    }

    private string[] All => [Start, End, Padding, Unknown, Mask];
}
