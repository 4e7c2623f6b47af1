using System.Text.Json;
using System.Threading.Channels;

namespace Loosh.Chain.Rpc;

/// <summary>
/// A live subscription. <see cref="Notifications"/> yields each notification's <c>result</c> and ends with an
/// <see cref="RpcConnectionException"/> when the connection is lost (subscriptions do not survive a reconnect).
/// </summary>
public sealed class RpcSubscription : IAsyncDisposable
{
    private readonly SubstrateRpcClient _client;
    private readonly RpcConnection _connection;
    private readonly string _unsubscribeMethod;
    private int _disposed;

    internal RpcSubscription(SubstrateRpcClient client, RpcConnection connection, string id, string unsubscribeMethod, ChannelReader<JsonElement> notifications)
    {
        _client = client;
        _connection = connection;
        Id = id;
        _unsubscribeMethod = unsubscribeMethod;
        Notifications = notifications;
    }

    public string Id { get; }

    public ChannelReader<JsonElement> Notifications { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _client.UnsubscribeAsync(_connection, Id, _unsubscribeMethod).ConfigureAwait(false);
        }
    }
}
