using System.Net;
using System.Text;
using Loosh.Protocols;
using Loosh.Protocols.Miners;

namespace Loosh.Devnet.Tests;

/// <summary>The Fiber transport of <see cref="MinerClient"/> over a fake channel: same outcomes and limits as plain HTTP.</summary>
public sealed class FiberTransportTests
{
    private static readonly Uri Miner = new("http://10.0.0.7:8091/");

    private static async Task<(MinerOutcome Outcome, FakeChannel Channel)> SendAsync(
        Func<CancellationToken, Task<(HttpStatusCode, byte[])>> answer, MinerClientOptions? options = null)
    {
        var channel = new FakeChannel(answer);
        using var client = MinerNetwork.Client(options, channel);
        var outcome = await client.InferViaFiberAsync(Miner, MinerNetwork.Request("Explain recursion."), CancellationToken.None);
        return (outcome, channel);
    }

    private static Func<CancellationToken, Task<(HttpStatusCode, byte[])>> Reply(HttpStatusCode status, string body) =>
        _ => Task.FromResult((status, Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task A_reply_is_answered_and_the_request_goes_to_the_challenge_path()
    {
        var (outcome, channel) = await SendAsync(Reply(HttpStatusCode.OK,
            """{"response_text":"Recursion is…","finish_reason":"tool_calls","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}"""));

        var reply = Assert.IsType<MinerOutcome.Answered>(outcome).Reply;
        Assert.Equal("Recursion is…", reply.ResponseText);
        Assert.Equal("tool_calls", reply.FinishReason);
        Assert.Single(reply.ToolCalls!);
        Assert.Equal(new MinerUsage(1, 2, 3), reply.Usage);
        Assert.Equal((Miner, "/fiber/challenge"), (channel.Miner, channel.Path));
        Assert.Contains("\"max_tokens\":12288", channel.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_a_failure_with_the_status()
    {
        var (outcome, _) = await SendAsync(Reply(HttpStatusCode.Forbidden, ""));

        Assert.Equal(403, Assert.IsType<MinerOutcome.Failed>(outcome).HttpStatus);
    }

    [Fact]
    public async Task An_oversize_reply_is_a_failure()
    {
        var (outcome, _) = await SendAsync(
            Reply(HttpStatusCode.OK, new string('x', 2048)), MinerNetwork.Options() with { MaxResponseBytes = 1024 });

        Assert.Equal(MinerFailureKind.Oversize, Assert.IsType<MinerOutcome.Failed>(outcome).Kind);
    }

    [Fact]
    public async Task A_slow_handshake_counts_toward_the_deadline()
    {
        var (outcome, _) = await SendAsync(
            async ct =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return (HttpStatusCode.OK, []);
            },
            MinerNetwork.Options() with { RequestTimeout = TimeSpan.FromMilliseconds(200) });

        Assert.IsType<MinerOutcome.TimedOut>(outcome);
        Assert.True(outcome.Elapsed >= TimeSpan.FromMilliseconds(200) - MinerNetwork.TimerSlack);
    }

    [Fact]
    public async Task A_channel_connection_error_is_a_failure()
    {
        var (outcome, _) = await SendAsync(_ => throw new HttpRequestException("refused"));

        Assert.Equal(MinerFailureKind.ConnectionFailed, Assert.IsType<MinerOutcome.Failed>(outcome).Kind);
    }

    /// <summary>Records what the client sent and answers with a scripted reply.</summary>
    private sealed class FakeChannel(Func<CancellationToken, Task<(HttpStatusCode, byte[])>> answer) : IEncryptedChannel
    {
        public Uri? Miner { get; private set; }

        public string? Path { get; private set; }

        public string Json { get; private set; } = "";

        public Task<(HttpStatusCode Status, byte[] Body)> SendAsync(Uri minerBaseUrl, string path, ReadOnlyMemory<byte> json, CancellationToken ct)
        {
            (Miner, Path, Json) = (minerBaseUrl, path, Encoding.UTF8.GetString(json.Span));
            return answer(ct);
        }
    }
}
