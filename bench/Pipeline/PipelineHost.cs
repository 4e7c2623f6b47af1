using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Crypto;
using Loosh.Devnet;
using Loosh.Devnet.ChallengeApi;
using Loosh.Evaluation.Embeddings;
using Loosh.GrainInterfaces;
using Loosh.Grains;
using Loosh.Grains.Miners;
using Loosh.Grains.Services;
using Loosh.Hosting;
using Loosh.Silo;
using Loosh.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Loosh.Bench.Pipeline;

/// <summary>
/// A whole validator in this process: one silo wired like production (<see cref="SiloConfiguration.AddValidatorGrains"/>)
/// on a throwaway database, devnet miners that answer at once (so what is measured is the validator), the simulated
/// Challenge API taking the batches, and a fixed metagraph listing the miners.
/// </summary>
internal sealed class PipelineHost : IAsyncDisposable
{
    private const int Netuid = 78;

    private static readonly byte[] HotkeySeed = SHA256.HashData(Encoding.UTF8.GetBytes("loosh pipeline bench: validator hotkey"));

    private readonly string _serverConnectionString;
    private readonly string _databaseName;

    private PipelineHost(string serverConnectionString, string databaseName, DevnetMiners miners, SimulatedChallengeApi api, IHost silo)
    {
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
        Miners = miners;
        Api = api;
        Silo = silo;
    }

    public DevnetMiners Miners { get; }

    public SimulatedChallengeApi Api { get; }

    public IHost Silo { get; }

    public IGrainFactory Grains => Silo.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Makes a database on the server <see cref="PipelineOptions.Database"/> names, starts everything, and returns once
    /// every miner has answered an availability probe.
    /// </summary>
    public static async Task<PipelineHost> StartAsync(PipelineOptions options)
    {
        var databaseName = "loosh_bench_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = new NpgsqlConnectionStringBuilder(options.Database) { Database = databaseName }.ConnectionString;
        await using (var server = NpgsqlDataSource.Create(options.Database))
        {
            await server.CreateCommand($"CREATE DATABASE \"{databaseName}\"").ExecuteNonQueryAsync();
        }
        await using (var database = NpgsqlDataSource.Create(connectionString))
        {
            await SchemaMigrator.MigrateAsync(database);
        }

        var identity = new ValidatorIdentity(Sr25519KeyPair.FromMiniSecret(HotkeySeed));
        var miners = await DevnetMiners.StartAsync([.. Enumerable.Range(0, options.Miners).Select(_ => new MinerBehaviour.Honest())]);
        var api = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions { ValidatorHotkeys = [identity.Ss58Address] });
        var settings = ValidatorSettings.FromValues(new Dictionary<string, string>
        {
            ["DATABASE_CONNECTION_STRING"] = connectionString,
            ["NETUID"] = Netuid.ToString(CultureInfo.InvariantCulture),
            ["CHALLENGE_API_URL"] = api.BaseUrl.ToString(),
            ["MAX_MINERS"] = options.Miners.ToString(CultureInfo.InvariantCulture),
            ["MAX_CONCURRENT_CHALLENGES"] = Math.Max(15, options.Concurrency).ToString(CultureInfo.InvariantCulture),
            ["EMBEDDING_THREADS"] = options.Threads.ToString(CultureInfo.InvariantCulture),
        });
        var metagraph = new FixedMetagraph([.. miners.Miners.Select((miner, uid) => MetagraphNodes.Create(
            miner.Hotkey, Coldkey(uid), uid, IPAddress.Loopback, miner.BaseUrl.Port, 10.0, false))]);

        // No logging providers: the bench prints its own report.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            // A port of its own and no gateway (the bench calls grains in-process), so a validator running here is no obstacle.
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: 0, serviceId: databaseName, clusterId: databaseName);
            // Registered before the production wiring, whose TryAdd registrations keep these.
            silo.Services.AddSingleton(identity);
            silo.Services.AddSingleton<IMetagraphSource>(metagraph);
            if (options.FakeEmbeddings)
            {
                silo.Services.AddSingleton<ITextEmbedder, WordHashEmbedder>();
            }
            // Setting weights is not part of the measurement (and would reach for a chain).
            silo.Services.PostConfigure<ValidatorScheduleOptions>(schedule => schedule.FirstWeightsDelay = schedule.WeightsInterval);
            silo.AddValidatorGrains(settings);
        });
        var host = builder.Build();
        await host.StartAsync();
        var started = new PipelineHost(options.Database, databaseName, miners, api, host);

        var validator = started.Grains.GetGrain<IValidatorGrain>(Netuid);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while ((await validator.GetMinerNetworkAsync()).Availability.Count(a => a.Value.Available) < options.Miners)
        {
            if (DateTime.UtcNow > deadline)
            {
                await started.DisposeAsync();
                throw new TimeoutException("The devnet miners did not all answer an availability probe within 2 minutes.");
            }
            await Task.Delay(200);
        }
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync();
        Silo.Dispose();
        await Api.DisposeAsync();
        await Miners.DisposeAsync();
        await using var server = NpgsqlDataSource.Create(_serverConnectionString);
        await server.CreateCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)").ExecuteNonQueryAsync();
    }

    private static string Coldkey(int uid) => Ss58.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"bench coldkey {uid}")));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The metagraph is the started miners, always.</summary>
    private sealed class FixedMetagraph(IReadOnlyList<MetagraphNode> nodes) : IMetagraphSource
    {
        public Task<IReadOnlyList<MetagraphNode>> ReadAsync(int netuid, CancellationToken cancellationToken) => Task.FromResult(nodes);
    }
}
