using Loosh.Evaluation.Emissions;

namespace Loosh.Evaluation.Consensus;

/// <summary>
/// What the consensus engine decides for one challenge (evaluation.md §4, §5): θ and its parts, who is in
/// consensus, the individual scores, and what each step did.
/// </summary>
/// <param name="Theta">θ = μ + λσ; 0 with fewer than two survivors.</param>
/// <param name="Mean">μ, the weighted mean similarity of the survivor pairs.</param>
/// <param name="StandardDeviation">σ, the weighted population standard deviation of those similarities.</param>
/// <param name="ConsensusAchieved">θ &gt; threshold_min; informational, it gates nothing (§4 step 5).</param>
/// <param name="WeightedScore">The mean off-diagonal similarity of the survivors (every confidence is 1); null when
/// nobody passed the quality filter, as in the reference.</param>
/// <param name="InConsensus">Hotkeys of the survivors of steps 1–3, in input order.</param>
/// <param name="OutOfConsensus">Every other hotkey, in input order.</param>
/// <param name="IndividualScores">Individual scores by hotkey, survivors first (§4.2); empty when nobody survived.</param>
/// <param name="Diagnostics">What steps 1, 2, 3 and 6 found.</param>
public sealed record ConsensusResult(
    double Theta,
    double Mean,
    double StandardDeviation,
    bool ConsensusAchieved,
    double? WeightedScore,
    IReadOnlyList<string> InConsensus,
    IReadOnlyList<string> OutOfConsensus,
    IReadOnlyDictionary<string, double> IndividualScores,
    ConsensusDiagnostics Diagnostics)
{
    /// <summary>The part of the result the emission step needs (§6.2).</summary>
    public ConsensusOutcome ToOutcome() =>
        new(Theta, new HashSet<string>(InConsensus, StringComparer.Ordinal), IndividualScores);
}
