using System.Globalization;
using System.Net;
using System.Text;
using Loosh.Chain.Crypto;
using Loosh.Protocols.Fiber;

namespace Loosh.Protocols.Tests.Fiber;

/// <summary>FiberClient against a scripted peer: handshakes, key reuse and renewal, single flight, the one resend.</summary>
public sealed class FiberClientTests : IDisposable
{
    private static readonly Uri Peer = new("http://miner.test:8091/");
    private static readonly byte[] Request = Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"hi"}]}""");

    private readonly ManualTime _time = ManualTime.AtUnixSeconds(1_742_512_345);
    private readonly Sr25519KeyPair _validator = Sr25519KeyPair.FromMiniSecret(Enumerable.Repeat((byte)7, 32).ToArray());
    private ScriptedPeer _peer = null!;

    public void Dispose()
    {
        _peer.Dispose();
        _validator.Dispose();
    }

    [Theory]
    [InlineData(FiberFlavor.Miner)]
    [InlineData(FiberFlavor.ChallengeApi)]
    public async Task A_first_call_handshakes_then_sends_and_decrypts_the_reply(FiberFlavor flavor)
    {
        var client = Client(flavor);

        var response = await client.SendAsync(Peer, "/fiber/challenge", Request, default);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Request, response.Body);
        Assert.Equal((1, 1, 1), (_peer.PublicKeyFetches, _peer.Handshakes, _peer.Calls));
        var exchange = _peer.ExchangeBodies.Single();
        var timestamp = exchange["timestamp"]!.ToJsonString();
        Assert.Contains(".", timestamp, StringComparison.Ordinal);
        Assert.Equal(timestamp, PythonFloat.Format(double.Parse(timestamp, CultureInfo.InvariantCulture)));
        Assert.Equal(Ss58.Encode(_validator.PublicKey.Span), exchange["validator_hotkey_ss58"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_key_is_reused_until_its_lifetime_minus_the_margin()
    {
        var client = Client(FiberFlavor.Miner);

        await client.SendAsync(Peer, "/fiber/challenge", Request, default);
        _time.Advance(TimeSpan.FromSeconds(3539));
        await client.SendAsync(Peer, "/fiber/challenge", Request, default);
        Assert.Equal(1, _peer.Handshakes);

        _time.Advance(TimeSpan.FromSeconds(1));
        var response = await client.SendAsync(Peer, "/fiber/challenge", Request, default);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal((2, 3), (_peer.Handshakes, _peer.Calls));
    }

    [Fact]
    public async Task Concurrent_calls_to_one_peer_share_one_handshake()
    {
        var client = Client(FiberFlavor.Miner);
        _peer.HandshakeDelay = TimeSpan.FromMilliseconds(200);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SendAsync(Peer, "/fiber/challenge", Request, default)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.Status));
        Assert.Equal((1, 20), (_peer.Handshakes, _peer.Calls));
    }

    [Fact]
    public async Task A_401_with_an_inline_key_renegotiates_without_fetching_and_resends_once()
    {
        var client = Client(FiberFlavor.Miner);
        await client.SendAsync(Peer, "/fiber/challenge", Request, default);
        _peer.Restart();

        var response = await client.SendAsync(Peer, "/fiber/challenge", Request, default);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Request, response.Body);
        Assert.Equal((1, 2, 3), (_peer.PublicKeyFetches, _peer.Handshakes, _peer.Calls));
    }

    [Theory]
    [InlineData(FiberFlavor.Miner)]
    [InlineData(FiberFlavor.ChallengeApi)]
    public async Task A_second_401_is_returned_as_a_failure_without_further_attempts(FiberFlavor flavor)
    {
        var client = Client(flavor);
        _peer.AlwaysUnauthorized = true;

        var response = await client.SendAsync(Peer, "/fiber/challenge", Request, default);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal((2, 2), (_peer.Handshakes, _peer.Calls));
        Assert.Equal(flavor == FiberFlavor.Miner ? 1 : 2, _peer.PublicKeyFetches);
    }

    [Fact]
    public async Task A_reply_that_does_not_decrypt_drops_the_key_and_fails()
    {
        var client = Client(FiberFlavor.Miner);
        _peer.ReplyWithForeignToken = true;

        await Assert.ThrowsAsync<FiberException>(() => client.SendAsync(Peer, "/fiber/challenge", Request, default));
        Assert.Equal((1, 1), (_peer.Handshakes, _peer.Calls));

        _peer.ReplyWithForeignToken = false;
        await client.SendAsync(Peer, "/fiber/challenge", Request, default);
        Assert.Equal(2, _peer.Handshakes);
    }

    [Fact]
    public async Task A_handshake_past_its_timeout_is_a_fiber_exception()
    {
        Client(FiberFlavor.Miner);
        _peer.HandshakeDelay = TimeSpan.FromSeconds(5);
        var client = new FiberClient(new HttpClient(_peer, disposeHandler: false), _validator, FiberFlavor.Miner,
            new FiberClientOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(50) }, _time);

        await Assert.ThrowsAsync<FiberException>(() => client.SendAsync(Peer, "/fiber/challenge", Request, default));
        Assert.Equal(0, _peer.Calls);
    }

    [Fact]
    public async Task As_an_encrypted_channel_a_failed_handshake_is_a_transport_failure()
    {
        Client(FiberFlavor.Miner);
        _peer.HandshakeDelay = TimeSpan.FromSeconds(5);
        IEncryptedChannel channel = new FiberClient(new HttpClient(_peer, disposeHandler: false), _validator, FiberFlavor.Miner,
            new FiberClientOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(50) }, _time);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => channel.SendAsync(Peer, "/fiber/challenge", Request, default));
        Assert.IsType<FiberException>(error.InnerException);
    }

    private FiberClient Client(FiberFlavor flavor)
    {
        _peer = new ScriptedPeer(flavor, _time);
        var options = flavor == FiberFlavor.Miner ? new FiberClientOptions() : FiberClientOptions.ForChallengeApi();
        return new FiberClient(new HttpClient(_peer, disposeHandler: false), _validator, flavor, options, _time);
    }
}
