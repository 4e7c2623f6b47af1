namespace Loosh.Protocols.Fiber;

/// <summary>
/// A Fiber call that could not be completed: the handshake failed or the peer's reply did not decrypt. The cached key
/// has been dropped, so the next call starts with a fresh handshake; the caller decides whether to try again.
/// </summary>
public sealed class FiberException : Exception
{
    public FiberException()
    {
    }

    public FiberException(string message)
        : base(message)
    {
    }

    public FiberException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
