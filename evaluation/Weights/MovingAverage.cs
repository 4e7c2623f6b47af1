namespace Loosh.Evaluation.Weights;

/// <summary>
/// The per-miner exponential moving average of emissions over the lookback window, computed exactly as the
/// reference does (evaluation.md §9.3, protocols.md §4.2), because it is what every weight starts from.
/// </summary>
public static class MovingAverage
{
    /// <summary>Smoothing factor (reference: <c>EMA_ALPHA = 0.3</c> in <c>internal_config.py</c>).</summary>
    public const double Alpha = 0.3;

    /// <summary>Only rows this recent count (reference: <c>EMA_LOOKBACK_HOURS = 24</c>).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(24);

    /// <summary>
    /// Returns the EMA per hotkey over the rows with <c>CreatedAt ≥ now − 24 h</c>, taken oldest first whatever
    /// order they are given in (ties by row id). A miner's first observation initialises its EMA; each later one
    /// gives <c>α·x + (1 − α)·ema</c>. Miners with no observation in the window have no entry.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Compute(IEnumerable<EvaluationRecord> records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(records);
        var windowStart = now - Lookback;
        var ema = new Dictionary<string, double>(StringComparer.Ordinal);
        var inWindow = records
            .Where(record => record.CreatedAt >= windowStart)
            .OrderBy(record => record.CreatedAt)
            .ThenBy(record => record.Id);
        foreach (var record in inWindow)
        {
            foreach (var (hotkey, emission) in record.Emissions)
            {
                ema[hotkey] = ema.TryGetValue(hotkey, out var previous)
                    ? (Alpha * emission) + ((1 - Alpha) * previous)
                    : emission;
            }
        }
        return ema;
    }
}
