namespace Loosh.Protocols.Fiber;

/// <summary>
/// A Fernet token that is malformed, forged, tampered with, too old or stamped too far in the future. One type for
/// every cause, as in Python's <c>cryptography.fernet.InvalidToken</c>, so callers cannot leak which check failed.
/// </summary>
public sealed class InvalidFernetTokenException : Exception
{
    public InvalidFernetTokenException()
        : base("The Fernet token is invalid.")
    {
    }

    public InvalidFernetTokenException(string message)
        : base(message)
    {
    }

    public InvalidFernetTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
