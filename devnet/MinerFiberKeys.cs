using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Crypto;
using Loosh.Protocols.Fiber;

namespace Loosh.Devnet;

/// <summary>
/// The miner side of Fiber (miner 1.2.2, protocols.md §2.6): an RSA key made at start, signature and nonce-replay
/// checks on key exchanges, and the exchanged keys per (validator, key UUID) until they expire. Like the real miner,
/// it has no whitelist and no timestamp freshness check, so the devnet exercises exactly what validators meet.
/// </summary>
internal sealed class MinerFiberKeys : IDisposable
{
    /// <summary>How long an exchanged key is usable (the miner's FIBER_KEY_TTL_SECONDS).</summary>
    public static readonly TimeSpan KeyTtl = TimeSpan.FromSeconds(3600);

    /// <summary>How long a nonce is remembered (the miner's fiber_handshake_timeout_seconds).</summary>
    private static readonly TimeSpan NonceMemory = TimeSpan.FromSeconds(30);

    private readonly RSA _rsa = FiberRsa.Generate();
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Hotkey, string KeyUuid), (FernetKey Key, DateTimeOffset ExpiresAt)> _keys = [];
    private readonly Dictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);

    public MinerFiberKeys(TimeProvider time)
    {
        _time = time;
        PublicKeyPem = FiberRsa.ExportPublicKeyPem(_rsa);
    }

    public string PublicKeyPem { get; }

    /// <summary>Checks and stores a key exchange; the reason when it is refused (HTTP 400), null when it is accepted.</summary>
    public string? Exchange(MinerKeyExchange exchange)
    {
        if (!SignatureVerifies(exchange))
        {
            return "Invalid signature";
        }
        FernetKey key;
        try
        {
            key = FiberRsa.DecryptKey(_rsa, Convert.FromHexString(exchange.EncryptedKeyHex));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return "Could not decrypt the symmetric key";
        }
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            foreach (var stale in _nonces.Where(pair => now - pair.Value > NonceMemory).Select(pair => pair.Key).ToList())
            {
                _nonces.Remove(stale);
            }
            foreach (var expired in _keys.Where(pair => pair.Value.ExpiresAt <= now).Select(pair => pair.Key).ToList())
            {
                _keys.Remove(expired);
            }
            if (!_nonces.TryAdd(exchange.Nonce, now))
            {
                return "Nonce already used";
            }
            _keys[(exchange.HotkeySs58, exchange.KeyUuid)] = (key, now + KeyTtl);
        }
        return null;
    }

    /// <summary>The live key <paramref name="hotkey"/> exchanged as <paramref name="keyUuid"/>, or null.</summary>
    public FernetKey? Find(string hotkey, string keyUuid)
    {
        lock (_lock)
        {
            return _keys.TryGetValue((hotkey, keyUuid), out var stored) && _time.GetUtcNow() < stored.ExpiresAt ? stored.Key : null;
        }
    }

    /// <summary>Drops every exchanged key, as a restarted or rotating miner does.</summary>
    public void ForgetAll()
    {
        lock (_lock)
        {
            _keys.Clear();
        }
    }

    public void Dispose() => _rsa.Dispose();

    private static bool SignatureVerifies(MinerKeyExchange exchange)
    {
        var hex = exchange.Signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? exchange.Signature[2..] : exchange.Signature;
        try
        {
            return hex.Length == Sr25519.SignatureLength * 2
                && Sr25519.Verify(Ss58.Decode(exchange.HotkeySs58).AccountId, Encoding.UTF8.GetBytes(exchange.SignedText), Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
