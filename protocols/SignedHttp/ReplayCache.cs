namespace Loosh.Protocols.SignedHttp;

/// <summary>
/// Remembers accepted signatures until their nonce can no longer pass the freshness check, so a captured request
/// cannot be sent twice. Bounded: when full of live entries it refuses new ones rather than forget a live one,
/// since forgetting would reopen the replay window.
/// </summary>
internal sealed class ReplayCache(int capacity)
{
    private readonly Queue<(string Key, DateTimeOffset Expires)> _order = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Records <paramref name="key"/> until <paramref name="expires"/>; entries must arrive in expiry order.</summary>
    public HotkeyVerification TryAdd(string key, DateTimeOffset now, DateTimeOffset expires)
    {
        lock (_lock)
        {
            while (_order.TryPeek(out var oldest) && oldest.Expires <= now)
            {
                _keys.Remove(_order.Dequeue().Key);
            }
            if (_keys.Contains(key))
            {
                return HotkeyVerification.Replayed;
            }
            if (_keys.Count >= capacity)
            {
                return HotkeyVerification.ReplayCacheFull;
            }
            _keys.Add(key);
            _order.Enqueue((key, expires));
            return HotkeyVerification.Valid;
        }
    }
}
