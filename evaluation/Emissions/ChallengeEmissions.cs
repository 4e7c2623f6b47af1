namespace Loosh.Evaluation.Emissions;

/// <summary>
/// The result of the emission step for one challenge: what is stored (θ and the emissions) and which answer,
/// if any, is forwarded to the end user (evaluation.md §1 step 7, §6.4).
/// </summary>
/// <param name="ConsensusScore">θ as stored with the evaluation row (0 when no answer was evaluated).</param>
/// <param name="Emissions">Evaluated answers in input order, then the test-mode answers with 0.</param>
/// <param name="BestMinerHotkey">The hotkey with the highest emission, or null when every emission is ≤ 0.</param>
public sealed record ChallengeEmissions(
    double ConsensusScore,
    IReadOnlyList<MinerEmission> Emissions,
    string? BestMinerHotkey);
