using System.Net;

namespace Loosh.Protocols.ChallengeApi;

/// <summary>
/// The Fiber-encrypted path to the Challenge API (protocols.md §1.1(c)): the client hands over plaintext JSON and gets
/// back the status and, on 2xx, the decrypted body. An interface so the Challenge API client does not depend on the
/// Fiber implementation and tests can script the channel.
/// </summary>
public interface IEncryptedChannel
{
    Task<(HttpStatusCode Status, byte[] Body)> SendAsync(Uri baseUrl, string path, ReadOnlyMemory<byte> json, CancellationToken ct);
}
