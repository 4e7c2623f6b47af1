using System.Text.RegularExpressions;

namespace Loosh.Evaluation.Text;

/// <summary>
/// The reference's text splitting rules (evaluation.md §3.1, §3.2, §3.6, §7.4), in one place so the quality
/// scorer and the sybil detector cut texts identically.
/// </summary>
public static partial class Sentences
{
    /// <summary>Sentences with fewer words than this are dropped by <see cref="Split"/> (reference hard-codes 3).</summary>
    public const int MinimumWords = 3;

    /// <summary>
    /// The reference's sentence splitter: strip, split at whitespace that follows <c>.</c>, <c>!</c> or <c>?</c>,
    /// keep pieces with at least three words. (The reference prefers NLTK punkt but never installs its data, so this
    /// regex path is what runs in production.)
    /// </summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stripped = text.Trim();
        if (stripped.Length == 0)
        {
            return [];
        }
        var kept = new List<string>();
        foreach (var piece in AfterTerminator().Split(stripped))
        {
            var sentence = piece.Trim();
            if (WordCount(sentence) >= MinimumWords)
            {
                kept.Add(sentence);
            }
        }
        return kept;
    }

    /// <summary>
    /// Non-empty, stripped pieces between runs of <c>.!?</c> — the cruder split the heuristic coherence, the
    /// specificity signal and the structural sybil view use.
    /// </summary>
    public static IReadOnlyList<string> SplitOnTerminators(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        foreach (var piece in TerminatorRun().Split(text))
        {
            var trimmed = piece.Trim();
            if (trimmed.Length > 0)
            {
                pieces.Add(trimmed);
            }
        }
        return pieces;
    }

    /// <summary>Whitespace-separated words, as Python's <c>str.split()</c> gives them.</summary>
    public static string[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Number of whitespace-separated words.</summary>
    public static int WordCount(string text) => Words(text).Length;

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex AfterTerminator();

    [GeneratedRegex(@"[.!?]+")]
    private static partial Regex TerminatorRun();
}
