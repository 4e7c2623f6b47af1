using System.Text.Json;

namespace Loosh.Chain.Rpc;

/// <summary>The node answered a request with a JSON-RPC error (e.g. 1010 "Invalid Transaction" with its data).</summary>
public sealed class RpcErrorException : Exception
{
    public RpcErrorException(string method, int code, string message, JsonElement? data)
        : base($"{method} failed with JSON-RPC error {code}: {message}{(data is { } d ? " " + d.GetRawText() : "")}")
    {
        Method = method;
        Code = code;
        ErrorMessage = message;
        Data = data;
    }

    public RpcErrorException() { }
    public RpcErrorException(string message) : base(message) { }
    public RpcErrorException(string message, Exception innerException) : base(message, innerException) { }

    public string Method { get; } = "";
    public int Code { get; }

    /// <summary>The error object's own message (chopsticks puts a pool verdict's JSON here rather than in <see cref="Data"/>).</summary>
    public string ErrorMessage { get; } = "";
    public new JsonElement? Data { get; }
}

/// <summary>The connection to the node failed, closed or timed out; the request may be retried when it is idempotent.</summary>
public sealed class RpcConnectionException : Exception
{
    public RpcConnectionException() { }
    public RpcConnectionException(string message) : base(message) { }
    public RpcConnectionException(string message, Exception innerException) : base(message, innerException) { }
}
