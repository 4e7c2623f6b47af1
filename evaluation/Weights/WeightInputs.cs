namespace Loosh.Evaluation.Weights;

/// <summary>
/// Everything one weight run reads from the chain, the database and the Challenge API, gathered so the
/// computation itself stays a pure function the EpochGrain can call and tests can pin down.
/// </summary>
/// <param name="Now">The run's clock reading; sets the EMA window and the freshness gate.</param>
/// <param name="BlocksSinceLastUpdate">Blocks since this validator last set weights, or null if the chain query failed.</param>
/// <param name="WeightsRateLimit">The subnet's weights rate limit in blocks, or null if unknown.</param>
/// <param name="ServingMiners">The serving miners, already filtered from the metagraph.</param>
/// <param name="Evaluations">Stored evaluation rows; those outside the 24 h window are ignored.</param>
/// <param name="SybilScores">Sybil score per hotkey, or null when none could be had (no penalty, fail-open).</param>
public sealed record WeightInputs(
    DateTimeOffset Now,
    long? BlocksSinceLastUpdate,
    long? WeightsRateLimit,
    IReadOnlyList<ServingMiner> ServingMiners,
    IReadOnlyList<EvaluationRecord> Evaluations,
    IReadOnlyDictionary<string, double>? SybilScores);
