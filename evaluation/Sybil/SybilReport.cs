using System.Globalization;
using System.Text;

using Loosh.Evaluation.Text;

namespace Loosh.Evaluation.Sybil;

/// <summary>
/// The text report (evaluation.md §7.7): thresholds, the top ten pairs with severity and every view's value, the top
/// five groups. Severity is VERY HIGH iff the reported similarity reaches the very-high threshold. The reference's
/// report also carries a timestamp, challenge id and distribution statistics; the stored row and the sync record
/// already hold the first two, and the last served debugging only.
/// </summary>
internal static class SybilReport
{
    private const int PairsShown = 10;
    private const int GroupsShown = 5;
    private const int PreviewLength = 100;

    public static string Write(SybilDetection detection)
    {
        var thresholds = detection.Thresholds;
        var report = new StringBuilder();
        Line(report, $"Sybil detection: {detection.AnswerCount} answers, {detection.EligibleCount} eligible (>= {SybilDetector.MinResponseLength} chars); thresholds high={thresholds.High:F4}, very high={thresholds.VeryHigh:F4}");
        Line(report, $"Suspicious pairs: {detection.Pairs.Count}");
        foreach (var (pair, rank) in detection.Pairs.Take(PairsShown).Select((p, i) => (p, i + 1)))
        {
            var severity = thresholds.IsVeryHigh(pair.Similarity) ? "VERY HIGH" : "HIGH";
            var views = pair.Views;
            Line(report, $"  {rank}. [{pair.Method.WireName()}] {pair.Hotkey1} <-> {pair.Hotkey2}: similarity={pair.Similarity:F4} ({severity}); semantic={views.Semantic:F4} lexical={View(views.Lexical)} structural={View(views.Structural)} trajectory={View(views.Trajectory)}");
            Line(report, $"     {pair.Hotkey1}: {Preview(pair.Text1)}");
            Line(report, $"     {pair.Hotkey2}: {Preview(pair.Text2)}");
        }
        More(report, detection.Pairs.Count - PairsShown, "pairs");
        Line(report, $"Suspicious groups: {detection.Groups.Count}");
        foreach (var (group, rank) in detection.Groups.Take(GroupsShown).Select((g, i) => (g, i + 1)))
        {
            Line(report, $"  {rank}. {group.Hotkeys.Count} miners [{string.Join(", ", group.Hotkeys)}]: avg={group.AverageSimilarity:F4} min={group.MinSimilarity:F4} max={group.MaxSimilarity:F4}");
        }
        More(report, detection.Groups.Count - GroupsShown, "groups");
        return report.ToString().TrimEnd('\n');
    }

    private static void Line(StringBuilder report, FormattableString line) =>
        report.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void More(StringBuilder report, int hidden, string what)
    {
        if (hidden > 0)
        {
            Line(report, $"  ... and {hidden} more {what}");
        }
    }

    private static string View(double? value) =>
        value is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>
    /// The first 100 characters with "..." when cut, as the reference; line breaks become spaces so each preview stays
    /// on one line of the report.
    /// </summary>
    private static string Preview(string text)
    {
        var preview = CodePoints.Truncate(text, PreviewLength);
        if (preview.Length < text.Length)
        {
            preview += "...";
        }
        return preview.ReplaceLineEndings(" ");
    }
}
