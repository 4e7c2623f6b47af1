using Loosh.Evaluation.Consensus;
using Loosh.Evaluation.Emissions;
using Loosh.Evaluation.Quality;
using Loosh.Evaluation.Sybil;

namespace Loosh.Evaluation.Scoring;

/// <summary>Which path of the reference's evaluation a challenge took (evaluation.md §6).</summary>
public enum EvaluationPath
{
    /// <summary>No answer arrived; nothing is evaluated, stored or submitted.</summary>
    NoAnswers,
    /// <summary>Every answer was a <c>[TEST MODE]</c> answer: all emissions 0, θ = 0 (§6.1).</summary>
    AllTestMode,
    /// <summary>One answer to evaluate: 1.0 when relevant to the prompt, else 0 (§6.3).</summary>
    SingleAnswer,
    /// <summary>Two or more answers: quality, consensus, emissions and sybil detection (§3–§7).</summary>
    Consensus,
}

/// <summary>Everything the evaluation of one challenge decided, for the batch, the ledger and the operator.</summary>
/// <param name="ChallengeId">The challenge evaluated.</param>
/// <param name="Profile">The scoring profile used (<see cref="ScoringProfile.Name"/>).</param>
/// <param name="Model">The embedding model used.</param>
/// <param name="Path">Which evaluation path ran.</param>
/// <param name="ConsensusScore">θ (1.0 or 0 on the single-answer path).</param>
/// <param name="Emissions">One emission per answer, test-mode answers included (with 0).</param>
/// <param name="BestMinerHotkey">The highest emission's miner, or null when every emission is ≤ 0.</param>
/// <param name="Answers">Per answer, in request order: what the evaluation found.</param>
/// <param name="Consensus">The consensus engine's result on the consensus path.</param>
/// <param name="Sybil">Sybil detection on the consensus path.</param>
/// <param name="Similarities">Cosine similarities of the evaluated answers' documents (order of
/// <see cref="SimilarityHotkeys"/>); empty unless two or more answers were evaluated.</param>
/// <param name="SimilarityHotkeys">The hotkeys labelling <see cref="Similarities"/>.</param>
public sealed record EvaluationReport(
    string ChallengeId,
    string Profile,
    string Model,
    EvaluationPath Path,
    double ConsensusScore,
    IReadOnlyList<MinerEmission> Emissions,
    string? BestMinerHotkey,
    IReadOnlyList<AnswerAssessment> Answers,
    ConsensusResult? Consensus,
    SybilDetection? Sybil,
    double[,] Similarities,
    IReadOnlyList<string> SimilarityHotkeys)
{
    /// <summary>Emissions by hotkey, as the Challenge API's batch and the moving averages take them.</summary>
    public IReadOnlyDictionary<string, double> EmissionsByHotkey =>
        Emissions.ToDictionary(e => e.Hotkey, e => e.Emission, StringComparer.Ordinal);
}

/// <summary>What the evaluation found for one answer.</summary>
/// <param name="Hotkey">The miner's hotkey.</param>
/// <param name="Uid">The miner's UID.</param>
/// <param name="IsTestMode">The answer starts with <c>[TEST MODE]</c> and was not evaluated.</param>
/// <param name="PromptRelevance">cos(prompt, answer); null for test-mode answers.</param>
/// <param name="Quality">The quality scorer's breakdown on the consensus path.</param>
/// <param name="InConsensus">Survived the consensus filters (consensus path only).</param>
/// <param name="IndividualScore">The consensus engine's individual score, when it gave one.</param>
/// <param name="Emission">What the answer earned.</param>
public sealed record AnswerAssessment(
    string Hotkey,
    int Uid,
    bool IsTestMode,
    double? PromptRelevance,
    QualityBreakdown? Quality,
    bool InConsensus,
    double? IndividualScore,
    double Emission);
