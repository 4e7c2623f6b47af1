namespace Loosh.Evaluation.Emissions;

/// <summary>
/// What the consensus stage hands to the emission step (evaluation.md §5): the size of everyone's pay (θ),
/// who earns the consensus bonus, and the individual scores that pick the one answer getting the score-gap bonus.
/// </summary>
/// <param name="Theta">The challenge's consensus score θ = μ + λσ; may exceed 1 or, with negative cosines, be negative.</param>
/// <param name="InConsensus">Hotkeys of the answers that survived the consensus filters.</param>
/// <param name="IndividualScores">Individual scores by hotkey; may be empty or cover only some answers.</param>
public sealed record ConsensusOutcome(
    double Theta,
    IReadOnlySet<string> InConsensus,
    IReadOnlyDictionary<string, double> IndividualScores);
