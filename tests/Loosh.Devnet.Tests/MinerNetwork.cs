using System.Net;
using System.Net.Sockets;
using Loosh.Protocols;
using Loosh.Protocols.Miners;

namespace Loosh.Devnet.Tests;

/// <summary>One devnet with a miner of every behaviour, shared by a test class; clients are made per test.</summary>
public sealed class MinerNetwork : IAsyncLifetime
{
    public const string OurHotkey = "5OurValidatorHotkey";

    public static readonly MinerBehaviour[] Behaviours =
    [
        new MinerBehaviour.Honest(),
        new MinerBehaviour.Honest(),
        new MinerBehaviour.CopyCat(0),
        new MinerBehaviour.Garbage(),
        new MinerBehaviour.Empty(),
        new MinerBehaviour.Slow(TimeSpan.FromMilliseconds(300)),
        new MinerBehaviour.Timeout(),
        new MinerBehaviour.HttpError(500),
        new MinerBehaviour.HttpError(503),
        new MinerBehaviour.RateLimited(TimeSpan.FromSeconds(7)),
        new MinerBehaviour.Oversize(),
        new MinerBehaviour.MalformedJson(),
        new MinerBehaviour.Initializing(),
    ];

    private DevnetMiners? _devnet;

    public DevnetMiners Devnet => _devnet!;

    public SimulatedMiner Miner(int index) => Devnet.Miners[index];

    public SimulatedMiner First<T>() where T : MinerBehaviour => Devnet.Miners.First(m => m.Behaviour is T);

    /// <summary>Timers may fire a hair before a stopwatch reads their nominal delay.</summary>
    public static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

    public static MinerClient Client(MinerClientOptions? options = null, IEncryptedChannel? fiber = null) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options ?? Options(), fiber);

    public static MinerClientOptions Options() => new()
    {
        ValidatorHotkey = OurHotkey,
        RequestTimeout = TimeSpan.FromSeconds(2),
    };

    public static MinerRequest Request(string prompt) =>
        new(null, [new MinerChatMessage("user", prompt)], null, null, "Qwen/Qwen2.5-32B-Instruct", 12288, 0.7, 0.95,
            "corr-1", DateTimeOffset.UtcNow);

    /// <summary>A loopback URL on which nothing listens, for connection-refused cases.</summary>
    public static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public async Task InitializeAsync()
    {
        _devnet = await DevnetMiners.StartAsync(Behaviours);
    }

    public async Task DisposeAsync() => await Devnet.DisposeAsync();
}
