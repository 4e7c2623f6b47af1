using System.Globalization;
using System.Text;
using Loosh.Chain.Crypto;

namespace Loosh.Protocols.SignedHttp;

/// <summary>
/// Checks hotkey-signed requests to our own admin endpoints. The reference scheme leaves freshness and replay to the
/// server; this verifier enforces both, plus an allow-list, because a signature alone proves only who signed once.
/// </summary>
public sealed class HotkeySignatureVerifier
{
    private readonly Dictionary<string, byte[]> _allowed;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly ReplayCache _replays;

    /// <param name="allowedHotkeys">SS58 addresses that may call; any other signer is refused before the signature is checked.</param>
    /// <param name="freshnessWindow">How far the nonce may lie from now, in either direction.</param>
    /// <param name="replayCapacity">The most signatures remembered at once.</param>
    /// <param name="time">The clock the nonce is compared with.</param>
    public HotkeySignatureVerifier(IEnumerable<string> allowedHotkeys, TimeSpan freshnessWindow, int replayCapacity, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(allowedHotkeys);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(freshnessWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(replayCapacity, 1);
        _allowed = allowedHotkeys.ToDictionary(hotkey => hotkey, hotkey => Ss58.Decode(hotkey).AccountId, StringComparer.Ordinal);
        _window = freshnessWindow;
        _time = time;
        _replays = new ReplayCache(replayCapacity);
    }

    /// <summary>
    /// Verifies the three header values against <paramref name="body"/> (the exact bytes received; empty when the
    /// request had none). Only a request that passes every check is remembered against replay.
    /// </summary>
    public HotkeyVerification Verify(string? hotkey, string? nonce, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(hotkey) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(signature))
        {
            return HotkeyVerification.MissingHeaders;
        }
        if (!_allowed.TryGetValue(hotkey, out var publicKey))
        {
            return HotkeyVerification.UnknownHotkey;
        }
        if (!double.TryParse(nonce, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return HotkeyVerification.MalformedNonce;
        }
        var now = _time.GetUtcNow();
        var signedAt = DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(seconds);
        if ((now - signedAt).Duration() > _window)
        {
            return HotkeyVerification.StaleNonce;
        }
        if (!TryDecodeSignature(signature, out var signatureBytes)
            || !Sr25519.Verify(publicKey, Encoding.UTF8.GetBytes(SignedMessage.Build(nonce, hotkey, body)), signatureBytes))
        {
            return HotkeyVerification.BadSignature;
        }
        // A nonce passes the freshness check until signedAt + window <= now + 2 × window, so that long is enough.
        return _replays.TryAdd(signature.ToLowerInvariant(), now, now + (2 * _window));
    }

    private static bool TryDecodeSignature(string text, out byte[] signature)
    {
        signature = [];
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length != 2 + (2 * Sr25519.SignatureLength))
        {
            return false;
        }
        try
        {
            signature = Convert.FromHexString(text.AsSpan(2));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
