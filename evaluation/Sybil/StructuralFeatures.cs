using System.Text.RegularExpressions;
using Loosh.Evaluation.Text;
using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Sybil;

/// <summary>
/// The structural view of multi-view fusion (evaluation.md §7.4): seven "answer shape" features per text and the
/// cosine between them. Almost any two prose answers score ≈ 1 here (§14.10), which is why fusion reports often carry
/// this value; it is ported for compatibility.
/// </summary>
public static partial class StructuralFeatures
{
    /// <summary>Norms are floored here before dividing, so an all-zero feature vector (empty text) has similarity 0.</summary>
    public const double NormFloor = 1e-9;

    /// <summary>
    /// The features, in the reference's order and scale: characters/10000; sentences (non-empty pieces between
    /// runs of <c>.!?</c>)/50; has a numbered-list line (0/1); has a bullet line <c>-</c>, <c>•</c> or <c>*</c>
    /// (0/1); contains <c>```</c> (0/1); paragraphs (non-blank pieces between <c>"\n\n"</c>)/20; mean words per
    /// sentence/50. Single precision, as the reference stores them in a float32 array.
    /// </summary>
    public static float[] Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = Sentences.SplitOnTerminators(text);
        var paragraphs = text.Split("\n\n").Count(paragraph => paragraph.Trim().Length > 0);
        var meanWords = sentences.Count == 0 ? 0.0 : (double)sentences.Sum(Sentences.WordCount) / sentences.Count;
        return
        [
            (float)(CodePoints.Count(text) / 10000.0),
            (float)(sentences.Count / 50.0),
            NumberedLine().IsMatch(text) ? 1f : 0f,
            BulletLine().IsMatch(text) ? 1f : 0f,
            text.Contains("```", StringComparison.Ordinal) ? 1f : 0f,
            (float)(paragraphs / 20.0),
            (float)(meanWords / 50.0),
        ];
    }

    /// <summary>
    /// Cosine of two feature vectors with each norm floored at <see cref="NormFloor"/>. Accumulated in double where
    /// the reference multiplies float32 matrices, a difference below 1e-6.
    /// </summary>
    public static double Similarity(float[] first, float[] second) =>
        VectorMath.Dot(first, second)
        / (Math.Max(VectorMath.Norm(first), NormFloor) * Math.Max(VectorMath.Norm(second), NormFloor));

    /// <summary>
    /// A line (at the start of the text or after a newline) that opens with digits and <c>.</c> or <c>)</c> then
    /// whitespace. Without multiline mode, as the reference: <c>^</c> is the start of the text only.
    /// </summary>
    [GeneratedRegex(@"(?:^|\n)\s*\d+[.)]\s")]
    private static partial Regex NumberedLine();

    /// <summary>A line that opens with <c>-</c>, <c>•</c> or <c>*</c> then whitespace.</summary>
    [GeneratedRegex(@"(?:^|\n)\s*[-•*]\s")]
    private static partial Regex BulletLine();
}
