using System.Net;
using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Crypto;
using Loosh.Devnet;
using Loosh.Devnet.ChallengeApi;
using Loosh.Grains.Miners;
using Loosh.Grains.Services;
using Loosh.Silo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Loosh.Grains.Tests.Miners;

/// <summary>A metagraph the test scripts: what the next read returns, or that it fails.</summary>
public sealed class ScriptedMetagraph : IMetagraphSource
{
    private volatile IReadOnlyList<MetagraphNode> _nodes = [];
    private volatile string? _failure;

    public void Serve(IReadOnlyList<MetagraphNode> nodes)
    {
        _nodes = nodes;
        _failure = null;
    }

    public void Fail(string failure) => _failure = failure;

    public Task<IReadOnlyList<MetagraphNode>> ReadAsync(int netuid, CancellationToken cancellationToken) =>
        _failure is { } failure ? throw new IOException(failure) : Task.FromResult(_nodes);
}

/// <summary>
/// A one-silo cluster wired like production, but with a scripted metagraph, a fixed validator hotkey (so seeded draws
/// repeat from run to run), simulated miners and the simulated Challenge API on loopback.
/// </summary>
public sealed class MinerNetworkHarness : IAsyncDisposable
{
    public const int Netuid = 78;

    private static readonly byte[] OurSeed = SHA256.HashData(Encoding.UTF8.GetBytes("loosh miners tests: our validator"));

    private readonly ScriptedMetagraph? _metagraph;

    private MinerNetworkHarness(TestDatabase database, DevnetMiners devnet, SimulatedChallengeApi api, ScriptedMetagraph? metagraph, InProcessTestCluster cluster)
    {
        Database = database;
        Devnet = devnet;
        Api = api;
        _metagraph = metagraph;
        Cluster = cluster;
    }

    public static string OurHotkey { get; } = HotkeyOf(OurSeed);

    /// <summary>Another validator the Challenge API lists (it may sign too, as the simulated API trusts its list).</summary>
    public static string OtherValidator { get; } = HotkeyOf(SHA256.HashData(Encoding.UTF8.GetBytes("loosh miners tests: another validator")));

    public TestDatabase Database { get; }

    public DevnetMiners Devnet { get; }

    public SimulatedChallengeApi Api { get; }

    public ScriptedMetagraph Metagraph => _metagraph ?? throw new InvalidOperationException("This cluster reads the metagraph from the chain.");

    public InProcessTestCluster Cluster { get; }

    public IValidatorGrain Validator => Cluster.Client.GetGrain<IValidatorGrain>(Netuid);

    public IMinerGrain Miner(string hotkey) => Cluster.Client.GetGrain<IMinerGrain>(hotkey);

    /// <summary>
    /// Starts the miners, the Challenge API (with <paramref name="weights"/> as priority weights), and a cluster whose
    /// first metagraph read returns <paramref name="metagraph"/> of the started miners; without one, the production
    /// chain-backed source reads SUBTENSOR_ADDRESS. With <paramref name="silos"/> above one, the silos share the
    /// database (grain state, reminders, outbox) as a production cluster does.
    /// </summary>
    public static async Task<MinerNetworkHarness> StartAsync(
        TestDatabase database,
        IReadOnlyList<MinerBehaviour> behaviours,
        Func<DevnetMiners, IReadOnlyList<MetagraphNode>>? metagraph,
        IReadOnlyDictionary<string, double>? weights = null,
        Action<IServiceCollection>? services = null,
        short silos = 1,
        params (string Name, string Value)[] settings)
    {
        var devnet = await DevnetMiners.StartAsync(behaviours);
        var scripted = metagraph is null ? null : new ScriptedMetagraph();
        scripted?.Serve(metagraph!(devnet));
        var api = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions
        {
            ValidatorHotkeys = [OurHotkey, OtherValidator],
            PriorityWeights = weights ?? new Dictionary<string, double>(),
        });
        var validatorSettings = database.Settings([("CHALLENGE_API_URL", api.BaseUrl.ToString()), .. settings]);
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = TestClusters.NewServiceId();
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            // Registered before the production wiring, whose TryAdd registrations then keep these.
            silo.Services.AddSingleton(_ => new ValidatorIdentity(Sr25519KeyPair.FromMiniSecret(OurSeed)));
            if (scripted is not null)
            {
                silo.Services.AddSingleton<IMetagraphSource>(scripted);
            }
            services?.Invoke(silo.Services);
            silo.AddValidatorGrains(validatorSettings);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new MinerNetworkHarness(database, devnet, api, scripted, cluster);
    }

    /// <summary>A metagraph node served at <paramref name="miner"/>'s loopback port.</summary>
    public static MetagraphNode Node(SimulatedMiner miner, int uid, string? hotkey = null) =>
        MetagraphNodes.Create(hotkey ?? miner.Hotkey, Coldkey(uid), uid, IPAddress.Loopback, miner.BaseUrl.Port, 10.0, false);

    /// <summary>A registered neuron that never served an axon.</summary>
    public static MetagraphNode Unserved(string hotkey, int uid) =>
        MetagraphNodes.Create(hotkey, Coldkey(uid), uid, IPAddress.Any, 0, 10.0, false);

    public static string Coldkey(int uid) => HotkeyOf(SHA256.HashData(Encoding.UTF8.GetBytes($"coldkey {uid}")));

    public static string RandomHotkey() => Ss58.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Waits until the validator's view of the miners satisfies <paramref name="condition"/>.</summary>
    public Task<MinerNetworkView> WaitAsync(Func<MinerNetworkView, bool> condition, string what) =>
        Eventually.MatchAsync(Validator.GetMinerNetworkAsync, condition, TimeSpan.FromSeconds(60), what);

    /// <summary>Starts a refresh and waits until it is applied and the probe round it starts is done.</summary>
    public async Task<MinerNetworkView> RefreshAndProbeAsync()
    {
        var before = await Validator.GetMinerNetworkAsync();
        await Validator.RefreshMinerNetworkAsync();
        await WaitAsync(view => view.RefreshAttempts > before.RefreshAttempts, "the refresh");
        return await WaitAsync(view => view.ProbeRounds > before.ProbeRounds, "the probe round after the refresh");
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Api.DisposeAsync();
        await Devnet.DisposeAsync();
    }

    private static string HotkeyOf(byte[] seed)
    {
        using var key = Sr25519KeyPair.FromMiniSecret(seed);
        return Ss58.Encode(key.PublicKey.Span);
    }
}
