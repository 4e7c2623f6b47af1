using Loosh.Hosting;
using Loosh.Silo;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Loosh.Grains.Tests;

/// <summary>Silos find each other through the Postgres membership table, and a killed silo is declared dead there.</summary>
public sealed class PostgresMembershipTests : IAsyncLifetime
{
    private const string ConnectionStringKey = "LooshConnectionString";
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Silos_form_a_cluster_through_postgres_and_a_killed_silo_is_declared_dead()
    {
        var builder = new TestClusterBuilder(3);
        builder.Options.ClusterId = "membership-" + Guid.NewGuid().ToString("N")[..8];
        builder.Options.ServiceId = TestClusters.NewServiceId();
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = _database.ConnectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            var clusterId = builder.Options.ClusterId;

            Assert.Equal(3L, await _database.ScalarAsync<long>(
                "SELECT count(*) FROM orleans_silo WHERE deployment_id = $1 AND status = 3", clusterId));
            // The client reached the cluster through the gateways listed in the table.
            Assert.False((await cluster.Client.GetGrain<IMinerGrain>("5Through").GetAsync()).Available);

            var victim = cluster.SecondarySilos[0];
            await cluster.KillSiloAsync(victim);

            await Eventually.MatchAsync(
                () => _database.ScalarAsync<int>(
                    "SELECT status FROM orleans_silo WHERE deployment_id = $1 AND port = $2 AND generation = $3",
                    clusterId, victim.SiloAddress.Endpoint.Port, victim.SiloAddress.Generation),
                status => status == 6, TimeSpan.FromSeconds(30), "the killed silo to be marked Dead (6)");
            Assert.Equal(2L, await _database.ScalarAsync<long>(
                "SELECT count(*) FROM orleans_silo WHERE deployment_id = $1 AND status = 3", clusterId));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static ValidatorSettings SettingsFrom(IConfiguration configuration) => ValidatorSettings.FromValues(
        new Dictionary<string, string> { ["DATABASE_CONNECTION_STRING"] = configuration[ConnectionStringKey]! });

    public sealed class PostgresSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var settings = SettingsFrom(siloBuilder.Configuration);
            siloBuilder.AddTestValidator(settings).UsePostgresClustering(settings);
            // Detect the dead silo in about a second instead of the production half-minute.
            siloBuilder.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                options.NumMissedProbesLimit = 1;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
            });
        }
    }

    public sealed class PostgresClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = configuration[ConnectionStringKey];
            });
    }
}
