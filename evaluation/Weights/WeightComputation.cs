namespace Loosh.Evaluation.Weights;

/// <summary>
/// One whole weight run of the reference's <c>set_weights.py</c> (evaluation.md §9.2, protocols.md §5.4) as a
/// pure function: mode, rate limit, EMA, freshness gate, sybil penalty and the final vector, in that order.
/// </summary>
public static class WeightComputation
{
    /// <summary>Fewer serving miners than this skip the run (reference: <c>WEIGHT_MIN_SERVING_NODES = 1</c>).</summary>
    public const int MinServingMiners = 1;

    /// <summary>
    /// Computes the weights to set, or the reason to skip. The result depends only on the inputs' contents, not
    /// their order: serving miners are taken by ascending UID (the metagraph's order in the reference).
    /// </summary>
    /// <exception cref="ArgumentException">Two serving miners share a UID or a hotkey, or a score is negative or not finite.</exception>
    public static WeightDecision Compute(WeightInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var mode = OperatingModes.FromBlocksSinceLastUpdate(inputs.BlocksSinceLastUpdate);
        if (inputs.BlocksSinceLastUpdate < inputs.WeightsRateLimit)
        {
            return WeightDecision.Skip(mode, WeightSkipReason.RateLimited, []);
        }

        var serving = inputs.ServingMiners.OrderBy(miner => miner.Uid).ToList();
        if (HasDuplicates(serving))
        {
            throw new ArgumentException("Serving miners must have distinct UIDs and hotkeys.", nameof(inputs));
        }
        if (serving.Count < MinServingMiners)
        {
            return WeightDecision.Skip(mode, WeightSkipReason.NoServingMiners, []);
        }

        var ema = MovingAverage.Compute(inputs.Evaluations, inputs.Now);
        var gated = serving.ToDictionary(
            miner => miner.Hotkey,
            miner => FreshnessGate.IsFresh(miner.LastSuccess, mode, inputs.Now) ? ema.GetValueOrDefault(miner.Hotkey) : 0.0,
            StringComparer.Ordinal);
        var penalty = inputs.SybilScores is null
            ? new SybilPenaltyResult(gated, [])
            : SybilPenalties.Apply(serving, gated, inputs.SybilScores);

        var weights = WeightVector.Build(serving, penalty.Scores, mode);
        return weights is null
            ? WeightDecision.Skip(mode, WeightSkipReason.AllScoresZero, penalty.Penalties)
            : new WeightDecision(mode, weights, null, penalty.Penalties);
    }

    private static bool HasDuplicates(List<ServingMiner> serving) =>
        serving.Select(miner => miner.Uid).Distinct().Count() != serving.Count
        || serving.Select(miner => miner.Hotkey).Distinct(StringComparer.Ordinal).Count() != serving.Count;
}
