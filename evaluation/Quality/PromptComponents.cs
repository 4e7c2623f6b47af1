using System.Text.RegularExpressions;
using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Quality;

/// <summary>
/// The reference's prompt decomposition (evaluation.md §3.4): the parts of a prompt that an answer should cover,
/// each later embedded and compared with the answer (§3.2 item 4).
/// </summary>
public static partial class PromptComponents
{
    /// <summary>
    /// Strategies 2–6, in order: line-start list markers, newlines, colons, semicolons, and/or conjunctions.
    /// Each keeps the stripped pieces with at least three words and wins with two or more.
    /// </summary>
    private static readonly Func<string, string[]>[] Splitters =
    [
        prompt => ListMarker().Split(prompt),
        prompt => prompt.Split('\n'),
        prompt => prompt.Split(':'),
        prompt => prompt.Split(';'),
        prompt => Conjunction().Split(prompt),
    ];

    /// <summary>
    /// Splits <paramref name="prompt"/> by the first strategy that gives two or more parts of at least three
    /// words; failing all, the whole stripped prompt is the one component (none when it is blank).
    /// </summary>
    /// <remarks>
    /// Reproduced quirk: strategy 1 (sub-questions) returns as soon as the prompt has two or more non-empty
    /// pieces around <c>?</c>, and only then drops the pieces under three words, so it can return one piece or
    /// none ("Why? How?" has no components). Stripping uses .NET's white space, which differs from Python's
    /// <c>str.strip()</c> only for the control characters U+001C–U+001F.
    /// </remarks>
    public static IReadOnlyList<string> Decompose(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);

        var questions = new List<string>();
        foreach (var piece in prompt.Split('?'))
        {
            var question = piece.Trim();
            if (question.Length > 0)
            {
                questions.Add(question + "?");
            }
        }
        if (questions.Count >= 2)
        {
            return questions.FindAll(HasEnoughWords);
        }

        foreach (var split in Splitters)
        {
            var parts = KeepParts(split(prompt));
            if (parts.Count >= 2)
            {
                return parts;
            }
        }

        var clauses = SplitAtClauses(prompt);
        if (clauses.Count >= 2)
        {
            return clauses;
        }

        var whole = prompt.Trim();
        return whole.Length > 0 ? [whole] : [];
    }

    /// <summary>
    /// Strategy 7: cuts the prompt at the start of every clause boundary, so each segment after the first begins
    /// with its boundary (", which …" keeps its comma, as in the reference). Without any boundary the single
    /// segment is the whole prompt, which never wins, as the reference skips the strategy then.
    /// </summary>
    private static List<string> SplitAtClauses(string prompt)
    {
        var segments = new List<string>();
        var start = 0;
        foreach (var boundary in ClauseBoundary().EnumerateMatches(prompt))
        {
            segments.Add(prompt[start..boundary.Index]);
            start = boundary.Index;
        }
        segments.Add(prompt[start..]);
        return KeepParts(segments);
    }

    private static List<string> KeepParts(IEnumerable<string> pieces)
    {
        var parts = new List<string>();
        foreach (var piece in pieces)
        {
            var part = piece.Trim();
            if (HasEnoughWords(part))
            {
                parts.Add(part);
            }
        }
        return parts;
    }

    /// <summary>The reference hard-codes three words as the minimum for a component, as for sentences.</summary>
    private static bool HasEnoughWords(string part) => Sentences.WordCount(part) >= Sentences.MinimumWords;

    /// <summary>
    /// A numbered (<c>1.</c>, <c>2)</c>) or bulleted (<c>-</c>, <c>•</c>, <c>*</c>) item at the very start of the
    /// text or after a newline. Without multiline mode <c>^</c> is the start of the text in both Python and .NET,
    /// and <c>\d</c> is any Unicode decimal digit in both.
    /// </summary>
    [GeneratedRegex(@"(?:^|\n)\s*(?:\d+[.)]|[-•*])\s*")]
    private static partial Regex ListMarker();

    /// <summary>A whitespace-delimited "and" or "or", any case.</summary>
    [GeneratedRegex(@"\s+(?:and|or)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Conjunction();

    /// <summary>
    /// A comma followed by a subordinator, or which/who/that followed by at most three words and a form of
    /// be/have (is, are, was, were, has, have, had), any case. The alternatives keep the reference's order, so
    /// overlapping candidates resolve to the same matches; Python's <c>\b</c> and <c>\w</c> are spelled with
    /// <see cref="PythonText.WordCharacter"/>.
    /// </summary>
    [GeneratedRegex(
        @",\s*(?:which|who|that|where|when|while|although|because|since|if|unless|whereas|though|even though|after|before|until|once)"
        + PythonText.WordEnd
        + "|" + PythonText.WordStart + @"(?:which|who|that)" + PythonText.WordEnd
        + @"\s+(?:" + PythonText.WordCharacter + @"+\s+){0,3}(?:is|are|was|were|has|have|had)" + PythonText.WordEnd,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseBoundary();
}
