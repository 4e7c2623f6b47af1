using System.Net.WebSockets;
using Loosh.Chain.Rpc;

namespace Loosh.Chain.Tests.Rpc;

/// <summary>The RPC client's limits and failure handling, against a scripted node.</summary>
public sealed class SubstrateRpcClientTests : IAsyncLifetime
{
    private static readonly SubstrateRpcOptions Fast = new()
    {
        RequestTimeout = TimeSpan.FromMilliseconds(500),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        FirstReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxMessageBytes = 4096,
    };

    private ScriptedNode _node = null!;

    public async Task InitializeAsync() => _node = await ScriptedNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_request_gets_its_result_and_an_error_answer_becomes_an_exception_with_the_code()
    {
        _node.Handler = (request, socket) => request.GetProperty("method").GetString() == "bad"
            ? ScriptedNode.Send(socket, new Dictionary<string, object?>
            {
                ["jsonrpc"] = "2.0",
                ["id"] = request.GetProperty("id").GetInt64(),
                ["error"] = new { code = 1010, message = "Invalid Transaction", data = new { invalid = new { badProof = (object?)null } } },
            })
            : ScriptedNode.Answer(socket, request, new[] { request.GetProperty("params")[0].GetInt32() * 2 });
        await using var client = new SubstrateRpcClient(_node.Endpoint, Fast);

        var result = await client.RequestAsync("double", [21]);
        var error = await Assert.ThrowsAsync<RpcErrorException>(() => client.RequestAsync("bad", []));

        Assert.Equal(42, result[0].GetInt32());
        Assert.Equal(1010, error.Code);
        Assert.Contains("badProof", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_an_answer_times_out_and_the_connection_stays_usable()
    {
        _node.Handler = (request, socket) => request.GetProperty("method").GetString() == "silent"
            ? Task.CompletedTask
            : ScriptedNode.Answer(socket, request, "ok");
        await using var client = new SubstrateRpcClient(_node.Endpoint, Fast);

        var error = await Assert.ThrowsAsync<RpcConnectionException>(() => client.RequestAsync("silent", []));

        Assert.Contains("silent got no answer", error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", (await client.RequestAsync("other", [])).GetString());
        Assert.Equal(1, _node.Connections);
    }

    [Fact]
    public async Task An_oversize_message_closes_the_connection_and_the_next_request_reconnects()
    {
        _node.Handler = (request, socket) => request.GetProperty("method").GetString() == "huge"
            ? ScriptedNode.Answer(socket, request, new string('x', 10_000))
            : ScriptedNode.Answer(socket, request, "small");
        await using var client = new SubstrateRpcClient(_node.Endpoint, Fast);

        var error = await Assert.ThrowsAsync<RpcConnectionException>(() => client.RequestAsync("huge", []));

        Assert.Contains("exceeded 4096 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal("small", (await client.RequestAsync("after", [])).GetString());
        Assert.Equal(2, _node.Connections);
    }

    [Fact]
    public async Task A_connection_closed_by_the_node_fails_waiting_requests_and_is_reopened()
    {
        _node.Handler = async (request, socket) =>
        {
            if (request.GetProperty("method").GetString() == "drop")
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "restarting", CancellationToken.None);
                return;
            }
            await ScriptedNode.Answer(socket, request, "back");
        };
        await using var client = new SubstrateRpcClient(_node.Endpoint, Fast);

        await Assert.ThrowsAsync<RpcConnectionException>(() => client.RequestAsync("drop", []));

        Assert.Equal("back", (await client.RequestAsync("again", [])).GetString());
    }

    [Fact]
    public async Task No_node_listening_gives_a_connection_error_after_the_configured_attempts()
    {
        var endpoint = _node.Endpoint;
        await _node.DisposeAsync();
        await using var client = new SubstrateRpcClient(endpoint, Fast);

        var error = await Assert.ThrowsAsync<RpcConnectionException>(() => client.RequestAsync("any", []));

        Assert.Contains($"after {Fast.ConnectAttempts} attempts", error.Message, StringComparison.Ordinal);
        _node = await ScriptedNode.StartAsync();
    }

    [Fact]
    public async Task Subscription_notifications_arrive_in_order_right_after_the_subscribe_answer()
    {
        _node.Handler = async (request, socket) =>
        {
            switch (request.GetProperty("method").GetString())
            {
                case "chain_subscribeNewHeads":
                    await ScriptedNode.Answer(socket, request, "sub-1");
                    for (var n = 1; n <= 3; n++)
                    {
                        await ScriptedNode.Send(socket, new
                        {
                            jsonrpc = "2.0",
                            method = "chain_newHead",
                            @params = new { subscription = "sub-1", result = new { number = $"0x{n:x}" } },
                        });
                    }
                    break;
                default:
                    await ScriptedNode.Answer(socket, request, true);
                    break;
            }
        };
        await using var client = new SubstrateRpcClient(_node.Endpoint, Fast);

        await using var heads = await client.SubscribeAsync("chain_subscribeNewHeads", [], "chain_unsubscribeNewHeads");
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var head = await heads.Notifications.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            numbers.Add(head.GetProperty("number").GetString()!);
        }

        Assert.Equal("sub-1", heads.Id);
        Assert.Equal(["0x1", "0x2", "0x3"], numbers);
    }

    [Fact]
    public async Task Garbage_from_the_node_is_ignored_and_the_request_times_out_cleanly()
    {
        _node.Handler = (_, socket) => ScriptedNode.SendText(socket, "this is not json {");
        await using var client = new SubstrateRpcClient(_node.Endpoint, Fast);

        await Assert.ThrowsAsync<RpcConnectionException>(() => client.RequestAsync("x", []));
    }

    [Fact]
    public async Task At_most_max_in_flight_requests_wait_for_answers_at_once()
    {
        var waiting = 0;
        var peak = 0;
        _node.Handler = async (request, socket) =>
        {
            var now = Interlocked.Increment(ref waiting);
            InterlockedMax(ref peak, now);
            _ = Task.Run(async () =>
            {
                await Task.Delay(50);
                Interlocked.Decrement(ref waiting);
                await ScriptedNode.Answer(socket, request, "done");
            });
            await Task.CompletedTask;
        };
        var options = new SubstrateRpcOptions { MaxInFlight = 3, RequestTimeout = TimeSpan.FromSeconds(10) };
        await using var client = new SubstrateRpcClient(_node.Endpoint, options);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.RequestAsync("slow", [])));

        Assert.InRange(peak, 1, 3);
    }

    [Theory]
    [InlineData("finney", null, "wss://entrypoint-finney.opentensor.ai/")]
    [InlineData("test", null, "wss://test.finney.opentensor.ai/")]
    [InlineData("local", null, "ws://127.0.0.1:9944/")]
    [InlineData("finney", "ws://10.1.2.3:9944", "ws://10.1.2.3:9944/")]
    public void The_endpoint_is_chosen_as_the_reference_does(string network, string? address, string expected) =>
        Assert.Equal(expected, SubstrateEndpoints.Resolve(network, address is null ? null : new Uri(address)).ToString());

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
