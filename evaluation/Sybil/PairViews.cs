using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Sybil;

/// <summary>
/// What the three views need, computed once per challenge: the similarity matrix (semantic), a TF-IDF model fitted on
/// every valid answer — eligible or not, as the reference fits it (lexical) — structural features, and trajectory
/// fingerprints of the eligible answers.
/// </summary>
internal sealed class PairViews
{
    private readonly double[,] _similarities;
    private readonly TfIdf? _lexical;
    private readonly float[][] _structure;
    private readonly IReadOnlyList<float[]>?[] _fingerprints;

    public PairViews(IReadOnlyList<SybilAnswer> answers, double[,] similarities, EmbeddedTexts sentenceEmbeddings, IReadOnlyList<int> eligible)
    {
        _similarities = similarities;
        var lexical = TfIdf.Fit([.. answers.Select(a => a.Text)]);
        // scikit-learn refuses to fit when no answer has a countable term ("empty vocabulary"); the reference catches
        // that and skips fusion altogether, so no vocabulary means no lexical or structural view.
        _lexical = lexical.Vocabulary.Count > 0 ? lexical : null;
        _structure = [.. answers.Select(a => StructuralFeatures.Of(a.Text))];
        _fingerprints = new IReadOnlyList<float[]>?[answers.Count];
        foreach (var i in eligible)
        {
            var sentences = SybilDetector.TrajectorySentences(answers[i].Text);
            _fingerprints[i] = sentences is null ? null : SentenceTrajectory.Fingerprint([.. sentences.Select(s => sentenceEmbeddings[s])]);
        }
    }

    /// <summary>Every view's value for answers <paramref name="i"/> and <paramref name="j"/>.</summary>
    public SybilViews Of(int i, int j) => new(
        _similarities[i, j],
        _lexical?.Cosine(i, j),
        _lexical is null ? null : StructuralFeatures.Similarity(_structure[i], _structure[j]),
        _fingerprints[i] is { } first && _fingerprints[j] is { } second ? SentenceTrajectory.Similarity(first, second) : null);
}
