namespace Loosh.Chain.Scale;

/// <summary>
/// SCALE input that is truncated, malformed or does not match the type it is decoded as. The message and
/// <see cref="Offset"/> name the byte where decoding failed, so a bad RPC response or metadata blob can be located.
/// </summary>
public sealed class ScaleDecodeException : FormatException
{
    public ScaleDecodeException(string problem, int offset)
        : base($"{problem} (at byte offset {offset})")
    {
        Problem = problem;
        Offset = offset;
    }

    /// <summary>What was wrong, without the offset.</summary>
    public string Problem { get; }

    /// <summary>Offset, from the start of the decoded input, of the first byte that could not be decoded.</summary>
    public int Offset { get; }
}
