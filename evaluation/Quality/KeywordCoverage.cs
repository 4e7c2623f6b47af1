using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Quality;

/// <summary>
/// Keyword coverage (evaluation.md §3.2 item 3): the share of the prompt's strongest TF-IDF terms an answer
/// mentions. It reaches the composite only when the prompt has no components (§3.2 item 5).
/// </summary>
public static class KeywordCoverage
{
    /// <summary>Number of prompt terms taken (reference <c>top_k = 10</c>).</summary>
    public const int TopKeywords = 10;

    /// <summary>
    /// The up to ten highest-weighted terms (unigrams and bigrams) of the prompt with positive weight, from a
    /// TF-IDF model fitted on the prompt followed by every answer; none for a blank prompt or one whose words are
    /// all stop words (the reference also returns none when its vectorizer raises on an all-stop-word corpus).
    /// </summary>
    /// <remarks>
    /// Deviation: the reference takes the last ten of numpy's unstable argsort, so among terms tied at the
    /// tenth place the pick depends on numpy's sort; here ties go to the ordinal-first term
    /// (<see cref="TfIdf.TopTerms"/>), which is deterministic. Order within the list does not affect coverage.
    /// </remarks>
    public static IReadOnlyList<string> PromptKeywords(string prompt, IReadOnlyList<string> answers)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(answers);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return [];
        }
        var corpus = new string[answers.Count + 1];
        corpus[0] = prompt;
        for (var i = 0; i < answers.Count; i++)
        {
            corpus[i + 1] = answers[i];
        }
        return TfIdf.Fit(corpus).TopTerms(0, TopKeywords);
    }

    /// <summary>
    /// Fraction of <paramref name="keywords"/> that occur as a case-insensitive substring of
    /// <paramref name="answer"/> (not whole-word: "cat" is found in "category", as in the reference).
    /// </summary>
    /// <param name="answer">The answer text.</param>
    /// <param name="keywords">Lower-case keywords, at least one (the reference substitutes r_doc when there are none).</param>
    public static double Fraction(string answer, IReadOnlyList<string> keywords)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentOutOfRangeException.ThrowIfZero(keywords.Count);
        var lower = answer.ToLowerInvariant();
        var found = 0;
        foreach (var keyword in keywords)
        {
            if (lower.Contains(keyword, StringComparison.Ordinal))
            {
                found++;
            }
        }
        return (double)found / keywords.Count;
    }
}
