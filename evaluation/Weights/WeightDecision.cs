namespace Loosh.Evaluation.Weights;

/// <summary>Why a weight run sets nothing; the reference counts each of these as a successful run.</summary>
public enum WeightSkipReason
{
    /// <summary>Fewer blocks than the subnet's rate limit have passed since the last update.</summary>
    RateLimited,

    /// <summary>There is no serving miner to weigh.</summary>
    NoServingMiners,

    /// <summary>Every score is zero outside EMERGENCY; the weights on chain are kept.</summary>
    AllScoresZero,
}

/// <summary>
/// The outcome of one weight run: the weights to submit by UID, or why nothing is submitted, plus what the
/// caller must report (the mode for logs, the sybil penalties for the Challenge API's penalty report).
/// </summary>
/// <param name="Mode">The operating mode the run used.</param>
/// <param name="Weights">Weights by ascending UID summing to one; empty when skipped.</param>
/// <param name="SkipReason">Why nothing is submitted, or null when <paramref name="Weights"/> should be.</param>
/// <param name="Penalties">Miners the sybil penalty lowered, by ascending UID.</param>
public sealed record WeightDecision(
    OperatingMode Mode,
    IReadOnlyList<UidWeight> Weights,
    WeightSkipReason? SkipReason,
    IReadOnlyList<SybilPenalty> Penalties)
{
    /// <summary>True when nothing is to be submitted.</summary>
    public bool IsSkip => SkipReason is not null;

    internal static WeightDecision Skip(OperatingMode mode, WeightSkipReason reason, IReadOnlyList<SybilPenalty> penalties) =>
        new(mode, [], reason, penalties);
}
