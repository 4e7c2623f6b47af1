using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Loosh.Chain.Crypto;

namespace Loosh.Protocols.Fiber;

/// <summary>
/// Encrypted calls to Fiber peers (miners, the Challenge API). Per peer it keeps one key, renews it before the peer
/// forgets it, runs at most one handshake at a time, and on a "handshake again" answer re-handshakes and resends once:
/// the reference recursed without bound and let concurrent calls handshake in parallel (protocols.md §10 item 22).
/// </summary>
public sealed class FiberClient(HttpClient http, Sr25519KeyPair validatorKey, FiberFlavor flavor, FiberClientOptions options, TimeProvider time)
    : IEncryptedChannel
{
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly ConcurrentDictionary<string, Peer> _peers = new(StringComparer.Ordinal);
    private readonly string _validatorSs58 = Ss58.Encode(validatorKey.PublicKey.Span);

    /// <summary>
    /// Encrypts <paramref name="plaintextJson"/>, POSTs it to <paramref name="path"/> under <paramref name="peerBaseUrl"/>
    /// and decrypts a 2xx token reply. Non-2xx answers other than the re-handshake ones come back as they are.
    /// </summary>
    /// <exception cref="FiberException">The handshake failed, or the reply was too large or did not decrypt.</exception>
    public async Task<FiberResponse> SendAsync(Uri peerBaseUrl, string path, ReadOnlyMemory<byte> plaintextJson, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(peerBaseUrl);
        ArgumentNullException.ThrowIfNull(path);
        var baseUrl = peerBaseUrl.AbsoluteUri.TrimEnd('/');
        var peer = _peers.GetOrAdd(baseUrl, _ => new Peer());

        var session = await SessionAsync(peer, baseUrl, null, null, ct);
        var (status, body) = await PostAsync(baseUrl, path, session, plaintextJson, ct);
        if (AsksForHandshake(status))
        {
            peer.Drop(session);
            session = await SessionAsync(peer, baseUrl, InlinePublicKey(body), session, ct);
            (status, body) = await PostAsync(baseUrl, path, session, plaintextJson, ct);
            if (AsksForHandshake(status))
            {
                peer.Drop(session);
                return new FiberResponse(status, body);
            }
        }
        if ((int)status is < 200 or >= 300 || !LooksLikeToken(body))
        {
            return new FiberResponse(status, body);
        }
        try
        {
            return new FiberResponse(status, session.Key.Decrypt(Encoding.ASCII.GetString(body), options.ResponseTtl, time));
        }
        catch (InvalidFernetTokenException e)
        {
            peer.Drop(session);
            throw new FiberException($"The reply from {baseUrl}{path} did not decrypt under the exchanged key.", e);
        }
    }

    private bool AsksForHandshake(HttpStatusCode status) =>
        status == HttpStatusCode.Unauthorized || (flavor == FiberFlavor.Miner && status == HttpStatusCode.BadRequest);

    /// <summary>Fernet tokens start with the version byte 0x80 and the high bytes of the time, "gAAAAA" in base64.</summary>
    private static bool LooksLikeToken(byte[] body) => body.AsSpan().StartsWith("gAAAAA"u8);

    private async Task<Session> SessionAsync(Peer peer, string baseUrl, string? inlinePem, Session? stale, CancellationToken ct)
    {
        if (peer.Usable(time.GetUtcNow(), stale) is { } current)
        {
            return current;
        }
        await peer.Gate.WaitAsync(ct);
        try
        {
            // Whoever held the gate may just have renewed the key.
            if (peer.Usable(time.GetUtcNow(), stale) is { } renewed)
            {
                return renewed;
            }
            var session = await HandshakeAsync(baseUrl, inlinePem, ct);
            peer.Use(session);
            return session;
        }
        finally
        {
            peer.Gate.Release();
        }
    }

    private async Task<Session> HandshakeAsync(string baseUrl, string? inlinePem, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.HandshakeTimeout);
        try
        {
            var pem = inlinePem ?? await FetchPublicKeyAsync(baseUrl, timeout.Token);
            var key = FernetKey.Generate();
            var keyUuid = Guid.NewGuid().ToString();
            byte[] encrypted;
            using (var rsa = FiberRsa.ImportPublicKeyPem(pem))
            {
                encrypted = FiberRsa.EncryptKey(rsa, key);
            }
            var exchangedAt = time.GetUtcNow();
            using var content = new ByteArrayContent(FiberHandshake.Body(flavor, validatorKey, _validatorSs58, encrypted, keyUuid, time));
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync(baseUrl + "/fiber/key-exchange", content, timeout.Token);
            var body = await ReadAsync(response, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK || !IsSuccessBody(body))
            {
                throw new FiberException($"The key exchange with {baseUrl} was refused: HTTP {(int)response.StatusCode} {Excerpt(body)}");
            }
            return new Session(key, keyUuid, exchangedAt + options.KeyLifetime - options.RenewalMargin);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or ArgumentException or CryptographicException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new FiberException($"The Fiber handshake with {baseUrl} failed: {e.Message}", e);
        }
    }

    private async Task<string> FetchPublicKeyAsync(string baseUrl, CancellationToken ct)
    {
        using var response = await http.GetAsync(baseUrl + "/fiber/public-key", ct);
        var body = await ReadAsync(response, ct);
        return response.StatusCode == HttpStatusCode.OK && PublicKeyIn(body) is { } pem
            ? pem
            : throw new FiberException($"{baseUrl}/fiber/public-key answered HTTP {(int)response.StatusCode} without a public key.");
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> PostAsync(string baseUrl, string path, Session session, ReadOnlyMemory<byte> plaintext, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/" + path.TrimStart('/'))
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes(session.Key.Encrypt(plaintext.Span, time))),
        };
        request.Content.Headers.ContentType = OctetStream;
        var (hotkeyHeader, uuidHeader) = flavor == FiberFlavor.Miner
            ? ("x-fiber-validator-hotkey-ss58", "x-fiber-symmetric-key-uuid")
            : ("hotkey-ss58-address", "symmetric-key-uuid");
        request.Headers.Add(hotkeyHeader, _validatorSs58);
        request.Headers.Add(uuidHeader, session.KeyUuid);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return (response.StatusCode, await ReadAsync(response, ct));
    }

    private async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > options.MaxResponseBytes)
        {
            throw new FiberException($"The peer's reply of {response.Content.Headers.ContentLength} bytes exceeds {options.MaxResponseBytes}.");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > options.MaxResponseBytes)
            {
                throw new FiberException($"The peer's reply exceeds {options.MaxResponseBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>A miner's 401 may carry its new public key, which saves the GET (protocols.md §2.2).</summary>
    private string? InlinePublicKey(byte[] body) => flavor == FiberFlavor.Miner ? PublicKeyIn(body) : null;

    private static string? PublicKeyIn(byte[] body) =>
        JsonObjectOrNull(body) is { } root && root.TryGetProperty("public_key", out var pem) && pem.ValueKind == JsonValueKind.String
            ? pem.GetString()
            : null;

    private static bool IsSuccessBody(byte[] body) =>
        JsonObjectOrNull(body) is { } root && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True;

    private static JsonElement? JsonObjectOrNull(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(byte[] body) => Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)));

    private sealed record Session(FernetKey Key, string KeyUuid, DateTimeOffset RenewAt);

    /// <summary>One peer's key and the gate that lets one handshake run at a time.</summary>
    private sealed class Peer
    {
        private Session? _current;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public void Use(Session session) => Volatile.Write(ref _current, session);

        public Session? Usable(DateTimeOffset now, Session? stale) =>
            Volatile.Read(ref _current) is { } session && session != stale && now < session.RenewAt ? session : null;

        public void Drop(Session session) => Interlocked.CompareExchange(ref _current, null, session);
    }

    /// <summary>The channel the miner and Challenge API clients use: a Fiber failure is a transport failure to them.</summary>
    async Task<(HttpStatusCode Status, byte[] Body)> IEncryptedChannel.SendAsync(Uri baseUrl, string path, ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        try
        {
            var response = await SendAsync(baseUrl, path, json, ct).ConfigureAwait(false);
            return (response.Status, response.Body);
        }
        catch (FiberException e)
        {
            throw new HttpRequestException($"Fiber channel to {baseUrl}: {e.Message}", e);
        }
    }
}
