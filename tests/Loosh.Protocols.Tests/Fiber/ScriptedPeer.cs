using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Loosh.Chain.Crypto;
using Loosh.Protocols.Fiber;

namespace Loosh.Protocols.Tests.Fiber;

/// <summary>
/// A Fiber peer in process: publishes an RSA key, checks and stores key exchanges (verifying the sr25519 signature
/// over the flavour's text), and answers encrypted calls with the encrypted plaintext. Tests script restarts and
/// failures through its switches and read what it saw from its counters.
/// </summary>
internal sealed class ScriptedPeer(FiberFlavor flavor, TimeProvider time) : HttpMessageHandler
{
    private readonly Dictionary<string, FernetKey> _keys = [];
    private RSA _rsa = FiberRsa.Generate();

    public int PublicKeyFetches;
    public int Handshakes;
    public int Calls;

    /// <summary>How long each key exchange takes to answer, to let concurrent callers pile up.</summary>
    public TimeSpan HandshakeDelay { get; set; }

    /// <summary>When set, every encrypted call is answered 401 even with a known key.</summary>
    public bool AlwaysUnauthorized { get; set; }

    /// <summary>When set, 2xx replies are tokens under a key the client never had.</summary>
    public bool ReplyWithForeignToken { get; set; }

    public List<JsonObject> ExchangeBodies { get; } = [];

    /// <summary>A restart: new RSA key, every exchanged key forgotten.</summary>
    public void Restart()
    {
        lock (_keys)
        {
            _keys.Clear();
            _rsa = FiberRsa.Generate();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get && path == "/fiber/public-key")
        {
            Interlocked.Increment(ref PublicKeyFetches);
            return Json(HttpStatusCode.OK, new JsonObject { ["public_key"] = FiberRsa.ExportPublicKeyPem(_rsa) });
        }
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        if (path == "/fiber/key-exchange")
        {
            await Task.Delay(HandshakeDelay, cancellationToken);
            return Exchange(JsonNode.Parse(body)!.AsObject());
        }
        Interlocked.Increment(ref Calls);
        var (hotkeyHeader, uuidHeader) = flavor == FiberFlavor.Miner
            ? ("x-fiber-validator-hotkey-ss58", "x-fiber-symmetric-key-uuid")
            : ("hotkey-ss58-address", "symmetric-key-uuid");
        Assert.Equal("application/octet-stream", request.Content.Headers.ContentType!.MediaType);
        Assert.True(request.Headers.Contains(hotkeyHeader));
        FernetKey? key;
        lock (_keys)
        {
            key = _keys.GetValueOrDefault(request.Headers.GetValues(uuidHeader).Single());
        }
        if (key is null || AlwaysUnauthorized)
        {
            return Json(HttpStatusCode.Unauthorized, new JsonObject
            {
                ["detail"] = "unknown key",
                ["public_key"] = FiberRsa.ExportPublicKeyPem(_rsa),
                ["requires_handshake"] = true,
            });
        }
        var plaintext = key.Decrypt(Encoding.ASCII.GetString(body), TimeSpan.FromHours(1), time);
        var replyKey = ReplyWithForeignToken ? FernetKey.Generate() : key;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(replyKey.Encrypt(plaintext, time)) };
    }

    private HttpResponseMessage Exchange(JsonObject body)
    {
        Interlocked.Increment(ref Handshakes);
        lock (ExchangeBodies)
        {
            ExchangeBodies.Add(body);
        }
        var hotkey = body["validator_hotkey_ss58"]!.GetValue<string>();
        var timestamp = body["timestamp"]!.ToJsonString();
        var signature = body["signature"]!.GetValue<string>();
        string keyUuid, message;
        byte[] ciphertext;
        if (flavor == FiberFlavor.Miner)
        {
            keyUuid = body["symmetric_key_uuid"]!.GetValue<string>();
            message = $"{timestamp}.{body["nonce"]!.GetValue<string>()}.{hotkey}";
            Assert.StartsWith("0x", signature, StringComparison.Ordinal);
            signature = signature[2..];
            ciphertext = Convert.FromHexString(body["encrypted_symmetric_key"]!.GetValue<string>());
        }
        else
        {
            keyUuid = body["key_uuid"]!.GetValue<string>();
            message = $"{timestamp}.{hotkey}.{keyUuid}";
            ciphertext = Convert.FromBase64String(body["encrypted_symmetric_key"]!.GetValue<string>());
        }
        if (!Sr25519.Verify(Ss58.Decode(hotkey).AccountId, Encoding.UTF8.GetBytes(message), Convert.FromHexString(signature)))
        {
            return Json(HttpStatusCode.BadRequest, new JsonObject { ["detail"] = "bad signature" });
        }
        lock (_keys)
        {
            _keys[keyUuid] = FiberRsa.DecryptKey(_rsa, ciphertext);
        }
        return Json(HttpStatusCode.OK, new JsonObject { ["success"] = true, ["message"] = "Symmetric key exchanged" });
    }

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    protected override void Dispose(bool disposing)
    {
        _rsa.Dispose();
        base.Dispose(disposing);
    }
}
