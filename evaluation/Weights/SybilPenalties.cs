namespace Loosh.Evaluation.Weights;

/// <summary>
/// Lowers the scores of miners the Challenge API rates as likely sybils (evaluation.md §9.4), with a hard tier
/// that is always applied and a soft tier capped by a safety valve, so that a miscalibrated sybil service cannot
/// cut most of the subnet at once.
/// </summary>
public static class SybilPenalties
{
    /// <summary>Sybil scores below this are ignored (reference: <c>SYBIL_PENALTY_THRESHOLD = 0.1</c>).</summary>
    public const double Threshold = 0.1;

    /// <summary>From this sybil score on a miner is always penalised (reference: <c>SYBIL_HARD_PENALTY_SCORE_FLOOR = 0.60</c>).</summary>
    public const double HardTierFloor = 0.60;

    /// <summary>At most this fraction of serving miners (at least one) is penalised in the soft tier
    /// (reference: <c>SYBIL_SAFETY_MAX_PENALIZED_FRACTION = 0.33</c>).</summary>
    public const double MaxPenalisedFraction = 0.33;

    /// <summary>The sybil score is capped at this before it scales the score (reference: <c>SYBIL_PENALTY_MAX = 1.0</c>).</summary>
    public const double MaxPenalty = 1.0;

    /// <summary>A penalised miner keeps at least this share of its score (reference: <c>SYBIL_PENALTY_MIN_RETENTION = 0.2</c>
    /// in code; its comment and CHANGELOG 1.2.7 say 0.02, but 0.2 is what runs).</summary>
    public const double MinRetention = 0.2;

    /// <summary>
    /// Applies the penalty to the serving miners' scores. Candidates have a score above zero and a sybil score of
    /// at least 0.1; those at 0.60 or above are all penalised, the rest only up to
    /// <c>max(1, ⌊0.33·serving⌋)</c> of them, highest sybil score first. A penalised score becomes
    /// <c>max(score·(1 − min(s, 1)), score·0.2)</c>. Miners without a sybil score are untouched.
    /// </summary>
    public static SybilPenaltyResult Apply(
        IReadOnlyList<ServingMiner> serving,
        IReadOnlyDictionary<string, double> scores,
        IReadOnlyDictionary<string, double> sybilScores)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(sybilScores);

        var candidates = serving
            .Select(miner => (Miner: miner, Score: scores.GetValueOrDefault(miner.Hotkey), Sybil: sybilScores.GetValueOrDefault(miner.Hotkey)))
            .Where(c => c.Score > 0 && c.Sybil >= Threshold)
            .ToList();
        var softTierLimit = Math.Max(1, (int)Math.Floor(serving.Count * MaxPenalisedFraction));
        // The reference keeps the first K of a stable sort by sybil score, so ties follow its dict order; the
        // port breaks ties by hotkey instead so the result does not depend on input order.
        var softTier = candidates
            .Where(c => c.Sybil < HardTierFloor)
            .OrderByDescending(c => c.Sybil)
            .ThenBy(c => c.Miner.Hotkey, StringComparer.Ordinal)
            .Take(softTierLimit);
        var penalised = candidates.Where(c => c.Sybil >= HardTierFloor).Concat(softTier);

        var result = new Dictionary<string, double>(scores, StringComparer.Ordinal);
        var penalties = new List<SybilPenalty>();
        foreach (var (miner, score, sybil) in penalised)
        {
            var after = PenalisedScore(score, sybil);
            result[miner.Hotkey] = after;
            if (after < score)
            {
                var type = after == 0 ? PenaltyType.Zeroed : PenaltyType.Graduated;
                penalties.Add(new SybilPenalty(miner.Uid, miner.Hotkey, sybil, score, after, type));
            }
        }
        penalties.Sort((a, b) => a.Uid.CompareTo(b.Uid));
        return new SybilPenaltyResult(result, penalties);
    }

    /// <summary>The reference's penalised score: scaled down by the sybil score, never below the retention floor.</summary>
    public static double PenalisedScore(double score, double sybilScore) =>
        Math.Max(score * (1 - Math.Min(sybilScore, MaxPenalty)), score * MinRetention);
}
