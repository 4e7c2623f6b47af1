using System.Net;

namespace Loosh.Protocols.Fiber;

/// <summary>
/// A peer's answer to an encrypted call. <see cref="Body"/> is the plaintext when the peer answered 2xx with a Fernet
/// token, otherwise the bytes as received (error bodies are not encrypted).
/// </summary>
public sealed record FiberResponse(HttpStatusCode Status, byte[] Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
