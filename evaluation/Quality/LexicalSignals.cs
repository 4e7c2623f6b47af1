using System.Collections.Frozen;
using System.Text;
using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Quality;

/// <summary>
/// The signals computed from the text alone: information density, specificity and the heuristic coherence
/// (evaluation.md §3.2 items 8–9, §3.6). Words are whitespace-split with punctuation attached, as in the reference.
/// </summary>
public static class LexicalSignals
{
    /// <summary>
    /// Words that never count as content (reference <c>_FILLER_WORDS</c>). The spec calls the list 58 words long;
    /// it has 76. Only the ones longer than three characters can matter, since shorter words never count.
    /// </summary>
    public static FrozenSet<string> FillerWords { get; } = new[]
    {
        "the", "a", "an", "and", "or", "but", "in", "on", "at", "to", "for", "of", "with", "by", "from", "up",
        "about", "into", "through", "during", "is", "are", "was", "were", "be", "been", "being", "have", "has",
        "had", "do", "does", "did", "will", "would", "could", "should", "may", "might", "can", "this", "that",
        "these", "those", "it", "its", "very", "more", "some", "any", "all", "each", "every", "both", "few", "many",
        "much", "such", "only", "own", "other", "than", "then", "them", "there", "various", "important",
        "significant", "relevant", "considerations", "aspects", "factors", "elements", "components", "matters",
        "issues",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A content word is longer than this many characters (reference hard-codes 3).</summary>
    public const int ContentWordMinExclusiveLength = 3;

    /// <summary>A "technical" word is longer than this many characters (reference hard-codes 8).</summary>
    public const int LongWordMinExclusiveLength = 8;

    /// <summary>
    /// Share of words that are content words: lower-cased, longer than three characters and not filler; 0 for
    /// a text without words. Lengths count code points, as Python's <c>len</c>; lower-casing is .NET's
    /// invariant simple mapping, which differs from Python's full mapping only for a few characters such as "İ".
    /// </summary>
    public static double Density(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Sentences.Words(text.ToLowerInvariant());
        if (words.Length == 0)
        {
            return 0.0;
        }
        var content = 0;
        foreach (var word in words)
        {
            if (CodePoints.Count(word) > ContentWordMinExclusiveLength && !FillerWords.Contains(word))
            {
                content++;
            }
        }
        return (double)content / words.Length;
    }

    /// <summary>
    /// Additive specificity, capped at 1: +0.3 for any digit; +0.1 per word that starts with an upper-case letter
    /// and is not the first word of its piece between runs of <c>.!?</c> (at most +0.3); +2 × the share of words
    /// longer than eight characters (at most +0.2); +0.2 for a <c>;</c> or <c>:</c>.
    /// </summary>
    /// <remarks>
    /// Characters are read as code points (runes) so astral digits and capitals count as in Python. "Upper-case"
    /// is the Unicode letter category Lu; Python's <c>isupper</c> also accepts a few symbols such as "Ⓐ".
    /// </remarks>
    public static double Specificity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var score = 0.0;
        if (text.EnumerateRunes().Any(Rune.IsDigit))
        {
            score += 0.3;
        }

        var properNouns = 0;
        foreach (var sentence in Sentences.SplitOnTerminators(text))
        {
            var words = Sentences.Words(sentence);
            for (var i = 1; i < words.Length; i++)
            {
                // An unpaired surrogate decodes to U+FFFD, which is not upper case.
                Rune.DecodeFromUtf16(words[i], out var first, out _);
                if (Rune.IsUpper(first))
                {
                    properNouns++;
                }
            }
        }
        score += Math.Min(0.3, properNouns * 0.1);

        var allWords = Sentences.Words(text);
        if (allWords.Length > 0)
        {
            var longWords = allWords.Count(word => CodePoints.Count(word) > LongWordMinExclusiveLength);
            score += Math.Min(0.2, (double)longWords / allWords.Length * 2);
        }

        if (text.AsSpan().IndexOfAny(';', ':') >= 0)
        {
            score += 0.2;
        }
        return Math.Min(1.0, score);
    }

    /// <summary>
    /// The heuristic coherence (§3.6): over the non-empty pieces between runs of <c>.!?</c>, start at 0.5, add 0.3
    /// when the mean words per piece is within [5, 30] or subtract 0.2 when it is under 3, add 0.2 for more than
    /// one piece, clamp to [0, 1]; 0 without pieces.
    /// </summary>
    public static double HeuristicCoherence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = Sentences.SplitOnTerminators(text);
        if (sentences.Count == 0)
        {
            return 0.0;
        }
        var meanWords = (double)sentences.Sum(Sentences.WordCount) / sentences.Count;
        var score = 0.5;
        if (meanWords is >= 5 and <= 30)
        {
            score += 0.3;
        }
        else if (meanWords < 3)
        {
            score -= 0.2;
        }
        if (sentences.Count > 1)
        {
            score += 0.2;
        }
        return Math.Clamp(score, 0.0, 1.0);
    }
}
