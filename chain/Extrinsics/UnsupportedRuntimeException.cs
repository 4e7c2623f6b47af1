namespace Loosh.Chain.Extrinsics;

/// <summary>
/// The runtime's metadata describes a call or transaction extension differently from what this client encodes (a
/// changed <c>set_weights</c> field list, a new extension that carries data, a metadata blob for another spec
/// version). Signing anyway would produce an extrinsic the node rejects as a bad proof, or worse one that means
/// something else, so the client stops and names the difference (chain.md §6, risk 4).
/// </summary>
public sealed class UnsupportedRuntimeException : Exception
{
    public UnsupportedRuntimeException() { }

    public UnsupportedRuntimeException(string message) : base(message) { }

    public UnsupportedRuntimeException(string message, Exception innerException) : base(message, innerException) { }
}
