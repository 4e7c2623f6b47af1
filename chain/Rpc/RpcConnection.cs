using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace Loosh.Chain.Rpc;

/// <summary>
/// One open WebSocket and the loop that reads it: answers complete their pending requests, notifications go to
/// their subscription's channel. When the socket fails or closes, everything waiting on it fails at once.
/// </summary>
internal sealed class RpcConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _maxMessageBytes;
    private Task _receiveLoop = Task.CompletedTask;

    private RpcConnection(ClientWebSocket socket, Uri endpoint, int maxMessageBytes)
    {
        _socket = socket;
        Endpoint = endpoint;
        _maxMessageBytes = maxMessageBytes;
    }

    public Uri Endpoint { get; }

    public ConcurrentDictionary<long, PendingRequest> Pending { get; } = new();

    public ConcurrentDictionary<string, Channel<JsonElement>> Subscriptions { get; } = new();

    public bool IsClosed { get; private set; }

    public static async Task<RpcConnection> OpenAsync(Uri endpoint, SubstrateRpcOptions options, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Connecting to {endpoint} took longer than {options.ConnectTimeout}.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new RpcConnection(socket, endpoint, options.MaxMessageBytes);
        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        return connection;
    }

    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            throw new RpcConnectionException($"Sending to {Endpoint} failed: {e.Message}", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        var failure = "the node closed the connection";
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult frame;
                do
                {
                    frame = await _socket.ReceiveAsync(message.GetMemory(16 * 1024), _stop.Token).ConfigureAwait(false);
                    message.Advance(frame.Count);
                    if (message.WrittenCount > _maxMessageBytes)
                    {
                        failure = $"a message from the node exceeded {_maxMessageBytes} bytes";
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", CancellationToken.None).ConfigureAwait(false);
                        return;
                    }
                }
                while (!frame.EndOfMessage);

                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                Dispatch(message.WrittenMemory);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            failure = e.Message;
        }
        finally
        {
            Close(failure);
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return; // Not JSON: nothing can be matched to it. A request waiting for it times out.
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            if (root.TryGetProperty("id", out var idElement) && idElement.TryGetInt64(out var id))
            {
                Answer(id, root);
            }
            else if (root.TryGetProperty("params", out var notification) && notification.ValueKind == JsonValueKind.Object
                     && notification.TryGetProperty("subscription", out var subscription)
                     && Subscriptions.TryGetValue(SubscriptionKey(subscription), out var channel)
                     && notification.TryGetProperty("result", out var result))
            {
                channel.Writer.TryWrite(result.Clone());
            }
        }
    }

    private void Answer(long id, JsonElement root)
    {
        if (!Pending.TryGetValue(id, out var pending))
        {
            return; // Answered after its request timed out.
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var text = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            JsonElement? data = error.TryGetProperty("data", out var d) ? d.Clone() : null;
            pending.Completion.TrySetException(new RpcErrorException(pending.Method, code, text, data));
            return;
        }
        var result = root.TryGetProperty("result", out var value) ? value.Clone() : default;
        // Register the subscription before anyone can see the answer, so no notification that follows is missed.
        if (pending.Subscription is { } channel && result.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            Subscriptions[SubscriptionKey(result)] = channel;
        }
        pending.Completion.TrySetResult(result);
    }

    private static string SubscriptionKey(JsonElement id) => id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();

    private void Close(string reason)
    {
        IsClosed = true;
        var failure = new RpcConnectionException($"Connection to {Endpoint} lost: {reason}.");
        foreach (var pending in Pending.Values)
        {
            pending.Completion.TrySetException(failure);
        }
        foreach (var channel in Subscriptions.Values)
        {
            channel.Writer.TryComplete(failure);
        }
        Subscriptions.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Closing politely is best effort.
        }
        await _receiveLoop.ConfigureAwait(false);
        _socket.Dispose();
        _sendLock.Dispose();
        _stop.Dispose();
    }
}
