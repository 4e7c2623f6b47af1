using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Sybil;

/// <summary>
/// Per-challenge sybil detection (evaluation.md §7.1–7.6): flags pairs of answers that are suspiciously alike by
/// document embedding, by a fusion of semantic, lexical and structural views, or by sentence trajectory, and groups
/// of answers that are all alike. Pure and synchronous: the caller embeds <see cref="TextsToEmbed"/> beforehand.
/// The result changes no emissions; it is stored and synced to the Challenge API, whose sybil score later feeds the
/// weight penalty (§9.4).
/// </summary>
public static class SybilDetector
{
    /// <summary>Detection runs on challenges with at least this many valid answers (<c>CONSENSUS_MIN_RESPONSES_FOR_SYBIL</c>); the caller checks it.</summary>
    public const int MinAnswers = 2;

    /// <summary>Floor of the high threshold (<c>SYBIL_MIN_HIGH_THRESHOLD</c>).</summary>
    public const double MinHighThreshold = 0.80;

    /// <summary>Floor of the very-high threshold (<c>SYBIL_MIN_VERY_HIGH_THRESHOLD</c>).</summary>
    public const double MinVeryHighThreshold = 0.88;

    /// <summary>Percentile of eligible pair similarities that sets the high threshold (<c>SYBIL_HIGH_SIMILARITY_PERCENTILE</c>).</summary>
    public const double HighSimilarityPercentile = 99.9;

    /// <summary>Percentile that sets the very-high threshold (<c>SYBIL_VERY_HIGH_SIMILARITY_PERCENTILE</c>).</summary>
    public const double VeryHighSimilarityPercentile = 99.99;

    /// <summary>Very high is at least this far above high (reference hard-codes 0.01).</summary>
    public const double VeryHighMinimumGap = 0.01;

    /// <summary>With fewer pair similarities than this the thresholds are the floors (reference hard-codes 3).</summary>
    public const int MinSimilaritiesForPercentiles = 3;

    /// <summary>Answers shorter than this many characters (code points) are never paired or grouped (<c>SYBIL_MIN_RESPONSE_LENGTH</c>).</summary>
    public const int MinResponseLength = 50;

    /// <summary>Smallest reported group (<c>SYBIL_MIN_GROUP_SIZE</c>).</summary>
    public const int MinGroupSize = 2;

    /// <summary>Every pair inside a group is at least this similar (<c>SYBIL_MIN_INTERNAL_SIMILARITY</c>).</summary>
    public const double MinInternalSimilarity = 0.90;

    /// <summary>Semantic vote of the fusion view (<c>SYBIL_FUSION_SEMANTIC_THRESHOLD</c>).</summary>
    public const double FusionSemanticThreshold = 0.92;

    /// <summary>Lexical vote of the fusion view (<c>SYBIL_FUSION_LEXICAL_THRESHOLD</c>).</summary>
    public const double FusionLexicalThreshold = 0.85;

    /// <summary>Structural vote of the fusion view (<c>SYBIL_FUSION_STRUCTURE_THRESHOLD</c>).</summary>
    public const double FusionStructureThreshold = 0.80;

    /// <summary>Votes of the three fusion views needed to flag a pair (reference hard-codes 2).</summary>
    public const int FusionVotesNeeded = 2;

    /// <summary>Mean centroid cosine that flags a trajectory pair (<c>SYBIL_TRAJECTORY_THRESHOLD</c>).</summary>
    public const double TrajectoryThreshold = 0.85;

    /// <summary>
    /// Clusters per fingerprint (<c>SYBIL_TRAJECTORY_N_CLUSTERS</c>, clamped by the reference to [2, 10]); an answer
    /// needs at least this many kept sentences to have a fingerprint.
    /// </summary>
    public const int TrajectoryClusters = 5;

    /// <summary>k-means restarts per fingerprint (the reference's <c>n_init</c>).</summary>
    public const int TrajectoryRestarts = 3;

    /// <summary>k-means seed (the reference's <c>random_state</c>); every answer's clustering starts from it.</summary>
    public const ulong TrajectorySeed = 42;

    /// <summary>Stored answer texts are cut to this many characters (code points) (<c>SYBIL_STORAGE_TEXT_MAX_LENGTH</c>).</summary>
    public const int StorageTextMaxLength = 500;

    /// <summary>
    /// The sentences the trajectory view will look up: the kept sentences (<see cref="Sentences.Split"/>) of every
    /// answer that passes the length gate and has enough of them for a fingerprint, each once. The caller embeds these
    /// (normalised, as the reference's sentence embedder) together with the challenge's other texts.
    /// </summary>
    public static IReadOnlyList<string> TextsToEmbed(IReadOnlyList<string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return [.. answers.Select(TrajectorySentences).OfType<IReadOnlyList<string>>().SelectMany(s => s).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Runs detection over one challenge's valid answers.
    /// </summary>
    /// <param name="answers">Every valid answer (before any consensus filtering), hotkeys distinct.</param>
    /// <param name="similarities">The document-embedding similarity matrix of exactly these answers, in their order.</param>
    /// <param name="sentenceEmbeddings">Holds at least <see cref="TextsToEmbed"/> of these answers' texts.</param>
    /// <param name="fusionScore">What a fusion pair reports; the reference's maximum of the views by default.</param>
    /// <exception cref="ArgumentException">Hotkeys repeat, or the matrix does not match the answers or is not finite.</exception>
    /// <exception cref="KeyNotFoundException">A sentence the trajectory view needs was not embedded.</exception>
    public static SybilDetection Detect(
        IReadOnlyList<SybilAnswer> answers,
        double[,] similarities,
        EmbeddedTexts sentenceEmbeddings,
        FusionScore fusionScore = FusionScore.MaxOfViews)
    {
        Validate(answers, similarities);
        ArgumentNullException.ThrowIfNull(sentenceEmbeddings);
        var eligible = Enumerable.Range(0, answers.Count).Where(i => IsEligible(answers[i].Text)).ToArray();
        var thresholds = SybilThresholds.Compute(UpperTriangle(similarities, eligible));
        if (eligible.Length < 2)
        {
            return new SybilDetection(answers.Count, eligible.Length, thresholds, [], []);
        }

        var views = new PairViews(answers, similarities, sentenceEmbeddings, eligible);
        var pairs = new List<SybilPair>();
        for (var a = 0; a < eligible.Length; a++)
        {
            for (var b = a + 1; b < eligible.Length; b++)
            {
                var pair = Flag(answers, eligible[a], eligible[b], views.Of(eligible[a], eligible[b]), thresholds, fusionScore);
                if (pair is not null)
                {
                    pairs.Add(pair);
                }
            }
        }
        // Each unordered pair was judged once, so pairs are already unique; equal similarities are ordered by hotkeys
        // (the reference keeps arrival order, which differs between validators).
        var sorted = pairs
            .OrderByDescending(p => p.Similarity)
            .ThenBy(p => p.Hotkey1, StringComparer.Ordinal)
            .ThenBy(p => p.Hotkey2, StringComparer.Ordinal)
            .ToList();
        var groups = StrictGroups.Find(answers, similarities, eligible, thresholds.High);
        return new SybilDetection(answers.Count, eligible.Length, thresholds, sorted, groups);
    }

    /// <summary>The length gate (§7.1): at least <see cref="MinResponseLength"/> characters, counted as Python counts them.</summary>
    public static bool IsEligible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CodePoints.Count(text) >= MinResponseLength;
    }

    /// <summary>The sentences an answer's fingerprint is built from, or null when it gets no fingerprint.</summary>
    internal static IReadOnlyList<string>? TrajectorySentences(string text)
    {
        if (!IsEligible(text))
        {
            return null;
        }
        var sentences = Sentences.Split(text);
        return sentences.Count >= TrajectoryClusters ? sentences : null;
    }

    /// <summary>
    /// Judges one eligible pair by every method and keeps the highest reported similarity. This is the reference's
    /// de-duplication (§7.6) done per pair: methods are tried in its order (semantic, fusion, trajectory) and a later
    /// one replaces an earlier only with a strictly higher value, as its strict <c>&gt;</c> does.
    /// </summary>
    private static SybilPair? Flag(IReadOnlyList<SybilAnswer> answers, int i, int j, SybilViews views, SybilThresholds thresholds, FusionScore fusionScore)
    {
        (SybilMethod Method, double Similarity)? best = null;
        void Consider(SybilMethod method, double similarity)
        {
            if (best is null || similarity > best.Value.Similarity)
            {
                best = (method, similarity);
            }
        }

        if (views.Semantic >= thresholds.High)
        {
            Consider(SybilMethod.Semantic, views.Semantic);
        }
        if (views is { Lexical: double lexical, Structural: double structural })
        {
            var votes = (views.Semantic >= FusionSemanticThreshold ? 1 : 0)
                + (lexical >= FusionLexicalThreshold ? 1 : 0)
                + (structural >= FusionStructureThreshold ? 1 : 0);
            if (votes >= FusionVotesNeeded)
            {
                Consider(SybilMethod.Fusion, fusionScore == FusionScore.Semantic ? views.Semantic : Math.Max(views.Semantic, Math.Max(lexical, structural)));
            }
        }
        if (views.Trajectory is double trajectory && trajectory >= TrajectoryThreshold)
        {
            Consider(SybilMethod.Trajectory, trajectory);
        }
        if (best is not { } flagged)
        {
            return null;
        }
        var (first, second) = string.CompareOrdinal(answers[i].Hotkey, answers[j].Hotkey) <= 0 ? (answers[i], answers[j]) : (answers[j], answers[i]);
        return new SybilPair(first.Hotkey, second.Hotkey, flagged.Similarity, flagged.Method, views, first.Text, second.Text);
    }

    private static List<double> UpperTriangle(double[,] similarities, int[] eligible)
    {
        var values = new List<double>();
        for (var a = 0; a < eligible.Length; a++)
        {
            for (var b = a + 1; b < eligible.Length; b++)
            {
                values.Add(similarities[eligible[a], eligible[b]]);
            }
        }
        return values;
    }

    private static void Validate(IReadOnlyList<SybilAnswer> answers, double[,] similarities)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(similarities);
        var n = answers.Count;
        if (similarities.GetLength(0) != n || similarities.GetLength(1) != n)
        {
            throw new ArgumentException($"The similarity matrix is {similarities.GetLength(0)}×{similarities.GetLength(1)} for {n} answers.", nameof(similarities));
        }
        foreach (var value in similarities)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("Every similarity must be finite.", nameof(similarities));
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            ArgumentNullException.ThrowIfNull(answer);
            // Pairs and groups are keyed by hotkey; a miner answers a challenge once.
            if (!seen.Add(answer.Hotkey))
            {
                throw new ArgumentException($"Hotkey {answer.Hotkey} answers more than once.", nameof(answers));
            }
        }
    }
}
