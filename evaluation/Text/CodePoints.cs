namespace Loosh.Evaluation.Text;

/// <summary>
/// Text lengths as Python's <c>len</c> and slicing count them: in Unicode code points, not UTF-16 units, so the
/// 50-character length gate and the 500-character storage cut land where the reference puts them for text outside
/// the Basic Multilingual Plane (emoji, some CJK). A lone surrogate counts as one, as it does in Python.
/// </summary>
internal static class CodePoints
{
    /// <summary>Number of code points in <paramref name="text"/>.</summary>
    public static int Count(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    /// <summary>The first <paramref name="maximum"/> code points of <paramref name="text"/> (Python's <c>text[:maximum]</c>).</summary>
    public static string Truncate(string text, int maximum)
    {
        var count = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count == maximum)
            {
                return text[..end];
            }
            end += rune.Utf16SequenceLength;
            count++;
        }
        return text;
    }
}
