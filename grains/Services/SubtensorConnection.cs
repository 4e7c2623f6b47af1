using Loosh.Chain.Rpc;
using Loosh.Chain.Subtensor;

namespace Loosh.Grains.Services;

/// <summary>
/// The silo's one connection to subtensor, shared by every grain activation on it: the metagraph refresh, the
/// weight submissions and the standing checks all go through the same WebSocket (which reconnects by itself) and
/// the same metadata cache.
/// </summary>
public sealed class SubtensorConnection : IAsyncDisposable
{
    private readonly SubstrateRpcClient _rpc;

    public SubtensorConnection(Uri endpoint, SubstrateRpcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _rpc = new SubstrateRpcClient(endpoint, options);
        Reader = new SubtensorReader(new SubtensorNode(_rpc));
    }

    /// <summary>The node's WebSocket address.</summary>
    public Uri Endpoint => _rpc.Endpoint;

    /// <summary>Reads of subtensor's state (metagraph, standing, weight-setting parameters) with a metadata cache.</summary>
    public SubtensorReader Reader { get; }

    public async ValueTask DisposeAsync()
    {
        Reader.Dispose();
        await _rpc.DisposeAsync().ConfigureAwait(false);
    }
}
