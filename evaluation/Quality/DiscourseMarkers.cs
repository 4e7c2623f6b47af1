using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Loosh.Evaluation.Quality;

/// <summary>The four kinds of discourse marker the complexity signal looks for (evaluation.md §3.2 item 7).</summary>
public enum DiscourseMarkerType
{
    /// <summary>because, therefore, as a result, …</summary>
    Causal,

    /// <summary>however, but, on the other hand, …</summary>
    Contrast,

    /// <summary>for example, specifically, such as, …</summary>
    Elaboration,

    /// <summary>first, then, finally, in addition, …</summary>
    Sequence,
}

/// <summary>Discourse markers: the reference's four marker sets and its two ways of finding them in a text.</summary>
public static class DiscourseMarkers
{
    /// <summary>The reference's marker sets, by type (§3.2 item 7).</summary>
    public static FrozenDictionary<DiscourseMarkerType, IReadOnlyList<string>> ByType { get; } =
        new Dictionary<DiscourseMarkerType, IReadOnlyList<string>>
        {
            [DiscourseMarkerType.Causal] =
                ["because", "since", "therefore", "thus", "hence", "consequently", "accordingly", "so", "as a result", "due to", "owing to"],
            [DiscourseMarkerType.Contrast] =
                ["however", "but", "although", "nevertheless", "nonetheless", "conversely", "on the other hand", "in contrast", "yet", "whereas", "despite", "while"],
            [DiscourseMarkerType.Elaboration] =
                ["for example", "for instance", "specifically", "in particular", "namely", "such as", "to illustrate", "that is"],
            [DiscourseMarkerType.Sequence] =
                ["first", "second", "third", "next", "then", "finally", "additionally", "moreover", "furthermore", "also", "in addition", "subsequently", "lastly"],
        }.ToFrozenDictionary();

    /// <summary>
    /// Every marker as one alternation, longest first (ties in ordinal order, so the pattern does not depend on
    /// hashing as the reference's set order does), each bounded by Python's <c>\b</c>. Longest first keeps a
    /// multi-word marker from losing to a shorter marker at the same position; with these sets no marker is a
    /// whole-word prefix of another, so the order cannot change a count, but it is kept as specified. Spaces
    /// inside a marker must be single spaces, as in the reference's escaped pattern.
    /// </summary>
    private static readonly Regex Marker = new(
        PythonText.WordStart
        + "(?:"
        + string.Join("|", ByType.Values.SelectMany(markers => markers)
            .OrderByDescending(marker => marker.Length)
            .ThenBy(marker => marker, StringComparer.Ordinal)
            .Select(Regex.Escape))
        + ")"
        + PythonText.WordEnd,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>
    /// Number of whole-word, case-insensitive, non-overlapping marker occurrences, scanning left to right
    /// (the reference's <c>findall</c> on the lower-cased text; matching case-insensitively is the same thing
    /// without the lower-cased copy).
    /// </summary>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Marker.Count(text);
    }

    /// <summary>
    /// Number of marker types with at least one marker occurring as a plain substring of the lower-cased text.
    /// Reproduced quirk: unlike <see cref="Count"/>, the reference's variety check is not whole-word, so "also"
    /// or "resources" make the causal type present through "so".
    /// </summary>
    public static int TypesPresent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var present = 0;
        foreach (var markers in ByType.Values)
        {
            if (markers.Any(marker => lower.Contains(marker, StringComparison.Ordinal)))
            {
                present++;
            }
        }
        return present;
    }
}
