using System.Net;

namespace Loosh.Protocols.Miners;

/// <summary>
/// The encrypted Fiber channel to a miner (protocols.md §2.2), reduced to what the miner client needs: send a JSON
/// body to a path and get the decrypted reply. Handshakes, key caching and re-negotiation stay behind it, so the
/// client's timing, breaker and size rules apply to both transports alike.
/// </summary>
public interface IMinerFiberChannel
{
    Task<(HttpStatusCode Status, byte[] Body)> SendAsync(Uri minerBaseUrl, string path, ReadOnlyMemory<byte> json, CancellationToken ct);
}
