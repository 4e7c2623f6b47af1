using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Crypto;

namespace Loosh.Protocols.Fiber;

/// <summary>
/// Our side of the Fiber channel the Challenge API pushes challenges through (protocols.md §3). Unlike the reference,
/// it verifies the sr25519 signature, accepts only configured hotkeys, rejects stale and replayed exchanges, measures
/// key lifetime on our own clock and bounds what it stores (§10 items 1–2). The RSA key lives only in this process.
/// </summary>
public sealed class FiberServer : IDisposable
{
    private readonly RSA _rsa = FiberRsa.Generate();
    private readonly FiberServerOptions _options;
    private readonly HashSet<string> _allowed;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<StoredKey>> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Hotkey, string KeyUuid), DateTimeOffset> _seen = [];

    public FiberServer(FiberServerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _allowed = new HashSet<string>(options.AllowedHotkeys, StringComparer.Ordinal);
        _time = time;
        PublicKeyPem = FiberRsa.ExportPublicKeyPem(_rsa);
    }

    public string PublicKeyPem { get; }

    public FiberServerStats Stats
    {
        get
        {
            lock (_lock)
            {
                PurgeExpired(_time.GetUtcNow());
                return new FiberServerStats(_keys.Count, _keys.Values.Sum(list => list.Count), (long)_options.KeyTtl.TotalSeconds);
            }
        }
    }

    /// <summary>Checks and stores a key exchange; the key is usable for <see cref="FiberServerOptions.KeyTtl"/> from now.</summary>
    public FiberExchangeOutcome ExchangeKey(FiberKeyExchangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_allowed.Count == 0)
        {
            return FiberExchangeOutcome.NoHotkeysConfigured;
        }
        if (!_allowed.Contains(request.HotkeySs58))
        {
            return FiberExchangeOutcome.HotkeyNotAllowed;
        }
        if (!Guid.TryParse(request.KeyUuid, out _) || DecodeHex(request.Signature) is not { } signature
            || !double.TryParse(request.TimestampText, NumberStyles.Float, CultureInfo.InvariantCulture, out var timestamp))
        {
            return FiberExchangeOutcome.Malformed;
        }
        var message = Encoding.UTF8.GetBytes($"{request.TimestampText}.{request.HotkeySs58}.{request.KeyUuid}");
        if (!Sr25519.Verify(Ss58.Decode(request.HotkeySs58).AccountId, message, signature))
        {
            return FiberExchangeOutcome.BadSignature;
        }
        var now = _time.GetUtcNow();
        if (!(Math.Abs(now.ToUnixTimeMilliseconds() / 1000.0 - timestamp) <= _options.FreshnessWindow.TotalSeconds))
        {
            return FiberExchangeOutcome.Stale;
        }
        if (DecryptKey(request.EncryptedSymmetricKey) is not { } key)
        {
            return FiberExchangeOutcome.Malformed;
        }
        lock (_lock)
        {
            PurgeExpired(now);
            if (!_seen.TryAdd((request.HotkeySs58, request.KeyUuid), now))
            {
                return FiberExchangeOutcome.Replayed;
            }
            Store(request.HotkeySs58, new StoredKey(request.KeyUuid, key, now));
        }
        return FiberExchangeOutcome.Accepted;
    }

    /// <summary>
    /// The plaintext of a token under the key <paramref name="hotkey"/> exchanged as <paramref name="keyUuid"/>; false
    /// when there is no such live key or the token does not verify under it (HTTP 401 either way).
    /// </summary>
    public bool TryDecrypt(string hotkey, string keyUuid, string token, out byte[] plaintext)
    {
        plaintext = [];
        FernetKey? key;
        lock (_lock)
        {
            PurgeExpired(_time.GetUtcNow());
            key = _keys.GetValueOrDefault(hotkey)?.Find(stored => stored.Uuid == keyUuid)?.Key;
        }
        if (key is null)
        {
            return false;
        }
        try
        {
            // No token TTL, as the reference: the key's own lifetime bounds it, and duplicate challenges are refused.
            plaintext = key.Decrypt(token, null, _time);
            return true;
        }
        catch (InvalidFernetTokenException)
        {
            return false;
        }
    }

    public void Dispose() => _rsa.Dispose();

    private FernetKey? DecryptKey(string base64)
    {
        var ciphertext = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, ciphertext, out var written))
        {
            return null;
        }
        try
        {
            return FiberRsa.DecryptKey(_rsa, ciphertext.AsSpan(0, written));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private void Store(string hotkey, StoredKey stored)
    {
        if (!_keys.TryGetValue(hotkey, out var list))
        {
            _keys[hotkey] = list = [];
        }
        list.Add(stored);
        if (list.Count > _options.MaxKeysPerHotkey)
        {
            list.RemoveAt(0);
        }
        while (_keys.Values.Sum(l => l.Count) > _options.MaxKeys)
        {
            var oldest = _keys.MinBy(pair => pair.Value[0].ReceivedAt);
            oldest.Value.RemoveAt(0);
            if (oldest.Value.Count == 0)
            {
                _keys.Remove(oldest.Key);
            }
        }
        while (_seen.Count > _options.MaxKeys * 4)
        {
            _seen.Remove(_seen.MinBy(pair => pair.Value).Key);
        }
    }

    private void PurgeExpired(DateTimeOffset now)
    {
        foreach (var (hotkey, list) in _keys.ToList())
        {
            list.RemoveAll(stored => now - stored.ReceivedAt >= _options.KeyTtl);
            if (list.Count == 0)
            {
                _keys.Remove(hotkey);
            }
        }
        // A replay older than twice the freshness window is refused as stale anyway.
        foreach (var entry in _seen.Where(pair => now - pair.Value > 2 * _options.FreshnessWindow).ToList())
        {
            _seen.Remove(entry.Key);
        }
    }

    private static byte[]? DecodeHex(string text)
    {
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length != Sr25519.SignatureLength * 2)
        {
            return null;
        }
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed record StoredKey(string Uuid, FernetKey Key, DateTimeOffset ReceivedAt);
}
