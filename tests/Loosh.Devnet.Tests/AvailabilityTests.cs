using System.Net;
using System.Text;
using Loosh.Protocols.Miners;

namespace Loosh.Devnet.Tests;

/// <summary>Availability probes classify miners as protocols.md §2.4 says, retrying a transport failure once.</summary>
public sealed class AvailabilityTests(MinerNetwork network) : IClassFixture<MinerNetwork>
{
    private static async Task<MinerAvailability> ProbeAsync(Uri miner)
    {
        using var client = MinerNetwork.Client();
        return await client.CheckAvailabilityAsync(miner, CancellationToken.None);
    }

    [Fact]
    public async Task An_answering_miner_is_available() =>
        Assert.Equal(new MinerAvailability(true, null, 200), await ProbeAsync(network.Miner(0).BaseUrl));

    [Fact]
    public async Task An_initializing_miner_is_unavailable_with_its_reason() =>
        Assert.Equal(new MinerAvailability(false, "Miner initializing", 200),
            await ProbeAsync(network.First<MinerBehaviour.Initializing>().BaseUrl));

    [Fact]
    public async Task A_503_is_unavailable_with_the_miner_error() =>
        Assert.Equal(new MinerAvailability(false, "Simulated failure", 503),
            await ProbeAsync(network.Devnet.Miners.First(m => m.Behaviour is MinerBehaviour.HttpError { Status: 503 }).BaseUrl));

    [Fact]
    public async Task A_closed_port_is_unavailable()
    {
        var result = await ProbeAsync(MinerNetwork.ClosedPort());

        Assert.False(result.Available);
        Assert.Null(result.HttpStatus);
        Assert.StartsWith("The miner could not be reached", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, """{"available": "yes"}""", "Not available (HTTP 200).")]
    [InlineData(200, "[]", "The availability reply is not a JSON object.")]
    [InlineData(502, "<html>", "The availability reply is not valid JSON (HTTP 502).")]
    public void Odd_replies_are_unavailable(int status, string body, string reason) =>
        Assert.Equal(new MinerAvailability(false, reason, status), AvailabilityReply.Classify((HttpStatusCode)status, Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task One_transport_failure_is_retried_once()
    {
        var handler = new ScriptedHandler(1);
        using var client = new MinerClient(new HttpClient(handler), MinerNetwork.Options());

        var result = await client.CheckAvailabilityAsync(new Uri("http://miner.invalid/"), CancellationToken.None);

        Assert.True(result.Available);
        Assert.Equal(2, handler.Calls);
        Assert.Equal(MinerNetwork.OurHotkey, handler.LastHotkey);
    }

    [Fact]
    public async Task A_miner_failing_twice_is_not_tried_a_third_time()
    {
        var handler = new ScriptedHandler(int.MaxValue);
        using var client = new MinerClient(new HttpClient(handler), MinerNetwork.Options());

        var result = await client.CheckAvailabilityAsync(new Uri("http://miner.invalid/"), CancellationToken.None);

        Assert.False(result.Available);
        Assert.Equal(2, handler.Calls);
    }

    /// <summary>Fails the first <c>failures</c> calls with a connection error, then answers available.</summary>
    private sealed class ScriptedHandler(int failures) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        public string? LastHotkey { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastHotkey = request.Headers.GetValues(MinerClient.HotkeyHeader).Single();
            return Interlocked.Increment(ref _calls) <= failures
                ? throw new HttpRequestException("Connection refused")
                : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent("""{"available": true}"""),
                });
        }
    }
}
