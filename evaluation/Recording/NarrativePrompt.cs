using System.Globalization;
using System.Text;

namespace Loosh.Evaluation.Recording;

/// <summary>The two chat messages of the narrative request (evaluation.md §8.3).</summary>
public static class NarrativePrompt
{
    public const string SystemMessage = "You are a helpful assistant that writes analytical summaries.";

    public const string AchievedVerdict = "✅ Consensus was achieved.";

    public const string NotAchievedVerdict = "❌ Consensus was not achieved.";

    private const string Instructions = """
        You are an expert analyst. Write a concise narrative of the consensus evaluation below, covering:
        1. What the original prompt asked.
        2. The nature of the answers and how they compare with each other.
        3. The consensus process and the metrics it produced.
        4. The quality filtering and its impact.
        5. Which answers were in consensus and which were not.
        6. The final result.
        """;

    /// <summary>The user message: instructions, then the prompt, both answer groups, the scoring summary and the verdict.</summary>
    public static string UserMessage(NarrativeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = new StringBuilder(Instructions).Append("\n\n");
        text.Append("Original prompt:\n").Append(input.OriginalPrompt).Append("\n\n");
        AppendAnswers(text, "In-consensus answers:", input.InConsensus);
        AppendAnswers(text, "Out-of-consensus answers:", input.OutOfConsensus);
        var invariant = CultureInfo.InvariantCulture;
        text.Append("Scoring summary:\n")
            .Append(invariant, $"- Consensus score θ (μ + λ·σ): {input.Theta:F4}\n")
            .Append(invariant, $"- Weighted score: {input.WeightedScore:F4}\n")
            .Append(invariant, $"- Polarity agreement: {(input.PolarityAgreement is { } polarity ? polarity.ToString("F4", invariant) : "n/a")}\n");
        if (!string.IsNullOrEmpty(input.HeatmapPath))
        {
            text.Append("- Similarity heatmap: ").Append(input.HeatmapPath).Append('\n');
        }
        if (!string.IsNullOrEmpty(input.QualityPlotPath))
        {
            text.Append("- Quality plot: ").Append(input.QualityPlotPath).Append('\n');
        }
        return text.Append('\n').Append(input.ConsensusAchieved ? AchievedVerdict : NotAchievedVerdict).ToString();
    }

    private static void AppendAnswers(StringBuilder text, string heading, IReadOnlyList<LabelledAnswer> answers)
    {
        text.Append(heading).Append('\n');
        if (answers.Count == 0)
        {
            text.Append("None\n");
        }
        foreach (var answer in answers)
        {
            text.Append(answer.Label).Append(": ").Append(answer.Text).Append('\n');
        }
        text.Append('\n');
    }
}
