namespace Loosh.Grains.Weights;

/// <summary>Where a run's sybil scores came from.</summary>
public enum SybilScoreSource
{
    /// <summary>Fetched from the Challenge API for this run.</summary>
    Api,

    /// <summary>Fetched by an earlier run less than <see cref="SybilScoreCache.Ttl"/> ago.</summary>
    Cache,

    /// <summary>The API failed; an older fetch of this silo stands in.</summary>
    StaleCache,

    /// <summary>The API failed and this silo had nothing; the previous epoch's persisted scores stand in.</summary>
    PreviousEpoch,

    /// <summary>No scores at all: no penalty (fail-open).</summary>
    None,
}

/// <summary>Sybil scores by hotkey, or null with <see cref="SybilScoreSource.None"/>.</summary>
public sealed record SybilScoreLookup(IReadOnlyDictionary<string, double>? Scores, SybilScoreSource Source);

/// <summary>
/// The reference's sybil score cache (protocols.md §1.8) for one silo: a fetch is reused for 300 s; when a fetch fails
/// the last one stands in however old it is; with none the caller falls back further. The reference's second level,
/// a JSON file, is the previous epoch's grain state here (see <see cref="SybilScoreSource.PreviousEpoch"/>), which
/// survives restarts and is shared by every silo.
/// </summary>
/// <param name="fetch">Asks the Challenge API for the given hotkeys' scores; null when the request failed.</param>
/// <param name="time">The clock the TTL is measured with.</param>
public sealed class SybilScoreCache(
    Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyDictionary<string, double>?>> fetch,
    TimeProvider time)
{
    /// <summary>How long a fetch is reused (reference: <c>SYBIL_SCORE_CACHE_TTL_SECONDS = 300</c>).</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(300);

    private Fetched? _last;

    /// <summary>Scores for <paramref name="hotkeys"/>: cached within the TTL, else fetched, else stale, else none.</summary>
    public async Task<SybilScoreLookup> GetAsync(IReadOnlyCollection<string> hotkeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hotkeys);
        var last = Volatile.Read(ref _last);
        var now = time.GetUtcNow();
        if (last is not null && now - last.At < Ttl)
        {
            return new(last.Scores, SybilScoreSource.Cache);
        }
        if (await fetch(hotkeys, cancellationToken).ConfigureAwait(false) is { } scores)
        {
            Volatile.Write(ref _last, new Fetched(scores, now));
            return new(scores, SybilScoreSource.Api);
        }
        return last is null ? new(null, SybilScoreSource.None) : new(last.Scores, SybilScoreSource.StaleCache);
    }

    private sealed record Fetched(IReadOnlyDictionary<string, double> Scores, DateTimeOffset At);
}
