namespace Loosh.Evaluation.Sybil;

/// <summary>
/// Every view's similarity for one pair of eligible answers, so an operator can see what each view said whichever
/// one flagged the pair. A view is null when it was not computed for the pair.
/// </summary>
/// <param name="Semantic">Document-embedding cosine from the challenge's similarity matrix.</param>
/// <param name="Lexical">TF-IDF cosine; null when the answers had no countable terms at all (the reference then skips fusion).</param>
/// <param name="Structural">Cosine of the structural features; null exactly when <paramref name="Lexical"/> is.</param>
/// <param name="Trajectory">Mean centroid cosine; null unless both answers have at least five kept sentences.</param>
public sealed record SybilViews(double Semantic, double? Lexical, double? Structural, double? Trajectory);

/// <summary>
/// A suspicious pair after de-duplication (evaluation.md §7.6): the highest similarity any method reported for it and
/// that method. The two hotkeys are in ordinal order, so the pair reads the same whatever order answers arrived in.
/// </summary>
public sealed record SybilPair(
    string Hotkey1,
    string Hotkey2,
    double Similarity,
    SybilMethod Method,
    SybilViews Views,
    string Text1,
    string Text2);

/// <summary>
/// A strict group (evaluation.md §7.6): answers connected by high-similarity edges, pruned until every member is at
/// least 0.90 similar to every other. Statistics are over all member pairs.
/// </summary>
/// <param name="Hotkeys">Member hotkeys in ordinal order.</param>
/// <param name="AverageSimilarity">Mean pairwise similarity.</param>
/// <param name="MinSimilarity">Lowest pairwise similarity (also stored as <c>min_internal_similarity</c>).</param>
/// <param name="MaxSimilarity">Highest pairwise similarity.</param>
/// <param name="Texts">Each member's answer text by hotkey.</param>
public sealed record SybilGroup(
    IReadOnlyList<string> Hotkeys,
    double AverageSimilarity,
    double MinSimilarity,
    double MaxSimilarity,
    IReadOnlyDictionary<string, string> Texts);
