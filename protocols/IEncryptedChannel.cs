using System.Net;

namespace Loosh.Protocols;

/// <summary>
/// A Fiber-encrypted channel to a peer (a miner, protocols.md §2.2, or the Challenge API, §1.1(c)), reduced to what
/// the clients need: send plaintext JSON to a path and get back the status and, on 2xx, the decrypted body.
/// Handshakes, key caching and re-negotiation stay behind it, so the clients' timing, breaker and size rules apply
/// to the encrypted and the plain transports alike, and tests can script the channel. A channel that cannot reach
/// or talk to the peer (including a failed handshake) throws <see cref="HttpRequestException"/>, as a plain HTTP call would.
/// </summary>
public interface IEncryptedChannel
{
    Task<(HttpStatusCode Status, byte[] Body)> SendAsync(Uri baseUrl, string path, ReadOnlyMemory<byte> json, CancellationToken ct);
}
