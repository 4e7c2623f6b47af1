using Loosh.Evaluation.Recording;

namespace Loosh.Evaluation.Tests.Recording;

/// <summary>NarrativePrompt: the user message of evaluation.md §8.3.</summary>
public sealed class NarrativePromptTests
{
    private static NarrativeInput Input(bool achieved = true, IReadOnlyList<LabelledAnswer>? outOfConsensus = null, string? heatmap = null) => new(
        "Explain why the sky is blue.",
        [new LabelledAnswer("17", "Rayleigh scattering."), new LabelledAnswer("42", "Blue scatters more.")],
        outOfConsensus ?? [new LabelledAnswer("99", "Because of the ocean.")],
        0.912345,
        0.85,
        null,
        achieved,
        heatmap);

    [Fact]
    public void Covers_the_six_points()
    {
        var text = NarrativePrompt.UserMessage(Input());

        Assert.Contains("expert analyst", text, StringComparison.Ordinal);
        for (var point = 1; point <= 6; point++)
        {
            Assert.Contains($"\n{point}. ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Lists_the_prompt_and_both_answer_groups_as_label_text_lines()
    {
        var text = NarrativePrompt.UserMessage(Input());

        Assert.Contains("Original prompt:\nExplain why the sky is blue.\n", text, StringComparison.Ordinal);
        Assert.Contains("In-consensus answers:\n17: Rayleigh scattering.\n42: Blue scatters more.\n", text, StringComparison.Ordinal);
        Assert.Contains("Out-of-consensus answers:\n99: Because of the ocean.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_outliers_reads_none()
    {
        Assert.Contains("Out-of-consensus answers:\nNone\n", NarrativePrompt.UserMessage(Input(outOfConsensus: [])), StringComparison.Ordinal);
    }

    [Fact]
    public void Scoring_summary_has_theta_to_four_decimals_labelled_mu_plus_lambda_sigma()
    {
        var text = NarrativePrompt.UserMessage(Input());

        Assert.Contains("θ (μ + λ·σ): 0.9123\n", text, StringComparison.Ordinal);
        Assert.Contains("Weighted score: 0.8500\n", text, StringComparison.Ordinal);
        Assert.Contains("Polarity agreement: n/a\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Heatmap_path_only_when_present()
    {
        Assert.Contains("heatmap: heatmaps/h.png\n", NarrativePrompt.UserMessage(Input(heatmap: "heatmaps/h.png")), StringComparison.Ordinal);
        Assert.DoesNotContain("heatmap:", NarrativePrompt.UserMessage(Input()), StringComparison.Ordinal);
    }

    [Fact]
    public void Ends_with_the_verdict()
    {
        Assert.EndsWith("\n✅ Consensus was achieved.", NarrativePrompt.UserMessage(Input(achieved: true)), StringComparison.Ordinal);
        Assert.EndsWith("\n❌ Consensus was not achieved.", NarrativePrompt.UserMessage(Input(achieved: false)), StringComparison.Ordinal);
    }
}
