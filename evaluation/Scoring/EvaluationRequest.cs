namespace Loosh.Evaluation.Scoring;

/// <summary>One challenge's answers, as the evaluator needs them.</summary>
/// <param name="ChallengeId">The Challenge API's id (a UUID in practice), used in reports and the heatmap title.</param>
/// <param name="Prompt">The text answers are judged against: the challenge's prompt, or for message challenges the
/// content of the last user message (<see cref="PromptOf"/>).</param>
/// <param name="Answers">Every answer that arrived; miners that timed out or failed are not listed here.</param>
public sealed record EvaluationRequest(string ChallengeId, string Prompt, IReadOnlyList<AnswerToEvaluate> Answers)
{
    /// <summary>
    /// The evaluation prompt (evaluation.md §1 step 1): the prompt when it is not blank, otherwise the content of
    /// the last message whose role is <c>user</c>, otherwise empty.
    /// </summary>
    public static string PromptOf(string? prompt, IEnumerable<(string Role, string? Content)>? messages)
    {
        if (!string.IsNullOrWhiteSpace(prompt))
        {
            return prompt;
        }
        var lastUser = messages?.LastOrDefault(m => m.Role == "user");
        return lastUser?.Content ?? string.Empty;
    }
}

/// <summary>One miner's answer.</summary>
/// <param name="Hotkey">The miner's hotkey (SS58): the key of emissions and of every report.</param>
/// <param name="Uid">The miner's UID in the metagraph when the challenge was sent (labels, tie-breaks).</param>
/// <param name="Text">The answer text. Null is scored as an empty answer (the reference crashes the whole round).</param>
/// <param name="ResponseTimeMs">Milliseconds from sending to the decrypted reply.</param>
/// <param name="Ip">The miner's axon IP from the metagraph, for entity voting caps; null or blank when unknown.</param>
/// <param name="Coldkey">The miner's coldkey, for entity voting caps; null when unknown.</param>
public sealed record AnswerToEvaluate(string Hotkey, int Uid, string? Text, double ResponseTimeMs, string? Ip = null, string? Coldkey = null);
