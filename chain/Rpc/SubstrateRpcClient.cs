using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Polly;
using Polly.Retry;

namespace Loosh.Chain.Rpc;

/// <summary>
/// JSON-RPC 2.0 over one WebSocket to a subtensor node. Every request has a timeout; at most
/// <see cref="SubstrateRpcOptions.MaxInFlight"/> wait for answers at once; messages over the size limit close the
/// connection; a lost connection fails what was waiting, and the next request reconnects with exponential backoff.
/// Subscriptions deliver notifications through a bounded channel and end when the connection is lost.
/// </summary>
public sealed class SubstrateRpcClient : IAsyncDisposable
{
    private readonly SubstrateRpcOptions _options;
    private readonly SemaphoreSlim _inFlight;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ResiliencePipeline _connectRetry;
    private readonly CancellationTokenSource _disposed = new();
    private RpcConnection? _connection;
    private long _nextId;

    public SubstrateRpcClient(Uri endpoint, SubstrateRpcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"A subtensor endpoint must be ws:// or wss://, not {endpoint}.", nameof(endpoint));
        }
        Endpoint = endpoint;
        _options = options ?? new SubstrateRpcOptions();
        _inFlight = new SemaphoreSlim(_options.MaxInFlight, _options.MaxInFlight);
        _connectRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, _options.ConnectAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstReconnectDelay,
                ShouldHandle = new PredicateBuilder().Handle<WebSocketException>().Handle<IOException>().Handle<TimeoutException>(),
            })
            .Build();
    }

    public Uri Endpoint { get; }

    /// <summary>Sends <paramref name="method"/> and returns its <c>result</c>.</summary>
    /// <exception cref="RpcErrorException">The node answered with an error.</exception>
    /// <exception cref="RpcConnectionException">No connection, the connection broke, or no answer within the request timeout.</exception>
    public async Task<JsonElement> RequestAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken = default)
    {
        var (result, _) = await SendAsync(method, parameters, subscription: null, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Starts a subscription (e.g. chain_subscribeNewHeads); disposing it unsubscribes with <paramref name="unsubscribeMethod"/>.</summary>
    public async Task<RpcSubscription> SubscribeAsync(
        string method, IReadOnlyList<object?> parameters, string unsubscribeMethod, CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<JsonElement>(new BoundedChannelOptions(_options.SubscriptionBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var (result, connection) = await SendAsync(method, parameters, channel, cancellationToken).ConfigureAwait(false);
        return new RpcSubscription(this, connection, SubscriptionId(result), unsubscribeMethod, channel.Reader);
    }

    internal async Task UnsubscribeAsync(RpcConnection connection, string subscriptionId, string unsubscribeMethod)
    {
        connection.Subscriptions.TryRemove(subscriptionId, out _);
        if (connection == _connection && !connection.IsClosed)
        {
            try
            {
                await RequestAsync(unsubscribeMethod, [subscriptionId]).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcErrorException or RpcConnectionException)
            {
                // The subscription is gone on our side either way; the node drops it with the connection.
            }
        }
    }

    private async Task<(JsonElement Result, RpcConnection Connection)> SendAsync(
        string method, IReadOnlyList<object?> parameters, Channel<JsonElement>? subscription, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
            var id = Interlocked.Increment(ref _nextId);
            var pending = new PendingRequest(method, subscription);
            connection.Pending[id] = pending;
            try
            {
                var request = JsonSerializer.SerializeToUtf8Bytes(new RpcRequest("2.0", id, method, parameters));
                await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var result = await pending.Completion.Task.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                return (result, connection);
            }
            catch (TimeoutException)
            {
                throw new RpcConnectionException($"{method} got no answer from {Endpoint} within {_options.RequestTimeout.TotalSeconds:0.#} s.");
            }
            finally
            {
                connection.Pending.TryRemove(id, out _);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task<RpcConnection> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsClosed: false } current)
        {
            return current;
        }
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsClosed: false } raced)
            {
                return raced;
            }
            try
            {
                _connection = await _connectRetry.ExecuteAsync(
                    async token => await RpcConnection.OpenAsync(Endpoint, _options, token).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                return _connection;
            }
            catch (Exception e) when (e is WebSocketException or IOException or TimeoutException)
            {
                throw new RpcConnectionException(
                    $"Cannot connect to subtensor at {Endpoint} after {_options.ConnectAttempts} attempts: {e.Message}", e);
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private static string SubscriptionId(JsonElement result) => result.ValueKind switch
    {
        JsonValueKind.String => result.GetString()!,
        JsonValueKind.Number => result.GetRawText(),
        _ => throw new RpcConnectionException($"The node answered a subscription with {result.GetRawText()} instead of a subscription id."),
    };

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        await _disposed.CancelAsync().ConfigureAwait(false);
        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        _disposed.Dispose();
        _connectLock.Dispose();
        _inFlight.Dispose();
    }

    private sealed record RpcRequest(
        [property: JsonPropertyName("jsonrpc")] string JsonRpc,
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("params")] IReadOnlyList<object?> Params);
}

/// <summary>A request waiting for its answer; a subscription request also carries the channel its notifications go to.</summary>
internal sealed class PendingRequest(string method, Channel<JsonElement>? subscription)
{
    public string Method { get; } = method;
    public Channel<JsonElement>? Subscription { get; } = subscription;
    public TaskCompletionSource<JsonElement> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
