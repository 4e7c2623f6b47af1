using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loosh.Chain.Tests.Rpc;

/// <summary>
/// A WebSocket JSON-RPC server on loopback whose behaviour each test scripts: <see cref="Handler"/> receives each
/// request and the socket, and sends whatever the test wants (an answer, nothing, garbage, a huge message, a close).
/// </summary>
internal sealed class ScriptedNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedNode(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public int Connections;

    public Func<JsonElement, WebSocket, Task> Handler { get; set; } = (request, socket) => Answer(socket, request, "ok");

    public static async Task<ScriptedNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        ScriptedNode? node = null;
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            Interlocked.Increment(ref node!.Connections);
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1 << 16];
            while (socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException)
                {
                    return;
                }
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                using var request = JsonDocument.Parse(buffer.AsMemory(0, received.Count));
                await node.Handler(request.RootElement.Clone(), socket);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        node = new ScriptedNode(app, new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal)));
        return node;
    }

    public static Task Answer(WebSocket socket, JsonElement request, object? result) =>
        Send(socket, new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = request.GetProperty("id").GetInt64(), ["result"] = result });

    public static Task Send(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    public static Task SendText(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
