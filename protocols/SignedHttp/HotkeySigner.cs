using System.Text;
using Loosh.Chain.Crypto;

namespace Loosh.Protocols.SignedHttp;

/// <summary>
/// Adds the Challenge API's hotkey-signature headers (protocols.md §1.1(b)) to a request. It reads the body from the
/// request's own content, so the hash always covers the exact bytes that go on the wire, never a re-serialisation.
/// </summary>
public sealed class HotkeySigner
{
    private readonly Sr25519KeyPair? _hotkey;
    private readonly string? _apiKey;
    private readonly TimeProvider _time;

    /// <param name="hotkey">The validator hotkey; without one only <c>X-API-Key</c> is sent, as the reference does.</param>
    /// <param name="apiKey">Sent as <c>X-API-Key</c> next to the signature when not empty.</param>
    /// <param name="time">The clock for the nonce.</param>
    public HotkeySigner(Sr25519KeyPair? hotkey, string? apiKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _hotkey = hotkey;
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        _time = time;
        Hotkey = hotkey is null ? null : Ss58.Encode(hotkey.PublicKey.Span);
    }

    /// <summary>The hotkey's SS58 address (prefix 42), or null when no hotkey is loaded.</summary>
    public string? Hotkey { get; }

    /// <summary>The nonce: Unix time in seconds as Python's <c>str(time.time())</c> prints it.</summary>
    public string Nonce() =>
        PythonFloat.Format((_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond);

    /// <summary>
    /// Signs <paramref name="request"/>. With <paramref name="coverBody"/> false (the multipart upload) the signature
    /// leaves the body out; otherwise a non-empty body is hashed from the request's content.
    /// </summary>
    public async Task SignAsync(HttpRequestMessage request, bool coverBody, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation(SignedHeaderNames.ApiKey, _apiKey);
        }
        if (_hotkey is null)
        {
            return;
        }
        var body = coverBody && request.Content is not null ? await request.Content.ReadAsByteArrayAsync(ct) : [];
        var nonce = Nonce();
        var message = SignedMessage.Build(nonce, Hotkey!, body);
        var signature = _hotkey.Sign(Encoding.UTF8.GetBytes(message));
        request.Headers.TryAddWithoutValidation(SignedHeaderNames.Hotkey, Hotkey);
        request.Headers.TryAddWithoutValidation(SignedHeaderNames.Nonce, nonce);
        request.Headers.TryAddWithoutValidation(SignedHeaderNames.Signature, "0x" + Convert.ToHexStringLower(signature));
    }
}
