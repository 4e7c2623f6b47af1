using Loosh.TestSupport;
using Npgsql;

namespace Loosh.Storage.Tests;

/// <summary>
/// The membership queries of the catalogue, run as the Orleans provider runs them (named parameters). The provider's
/// correctness rests on "all or nothing, and only at the current version", which these tests pin down.
/// </summary>
public sealed class MembershipQueryTests : IAsyncLifetime
{
    private const string Cluster = "cluster-a";
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_version_row_is_inserted_once()
    {
        Assert.Equal(1, await RunAsync<int>("InsertMembershipVersionKey", ("DeploymentId", Cluster)));
        Assert.Equal(0, await RunAsync<int>("InsertMembershipVersionKey", ("DeploymentId", Cluster)));
    }

    [Fact]
    public async Task A_silo_insert_at_a_stale_version_inserts_nothing_and_keeps_the_version()
    {
        await RunAsync<int>("InsertMembershipVersionKey", ("DeploymentId", Cluster));

        Assert.Equal(0, await InsertSiloAsync(port: 11111, version: 5));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM orleans_silo"));
        Assert.Equal(0, await _database.ScalarAsync<int>("SELECT version FROM orleans_cluster_version"));

        Assert.Equal(1, await InsertSiloAsync(port: 11111, version: 0));
        Assert.Equal(1, await _database.ScalarAsync<int>("SELECT version FROM orleans_cluster_version"));
        // The same silo twice is refused even at the current version.
        Assert.Equal(0, await InsertSiloAsync(port: 11111, version: 1));
        Assert.Equal(1, await _database.ScalarAsync<int>("SELECT version FROM orleans_cluster_version"));
    }

    [Fact]
    public async Task A_silo_update_at_a_stale_version_changes_nothing()
    {
        await RunAsync<int>("InsertMembershipVersionKey", ("DeploymentId", Cluster));
        await InsertSiloAsync(port: 11111, version: 0);

        Assert.Equal(0, await UpdateSiloAsync(status: 6, version: 0));
        Assert.Equal(3, await _database.ScalarAsync<int>("SELECT status FROM orleans_silo"));

        Assert.Equal(1, await UpdateSiloAsync(status: 6, version: 1));
        Assert.Equal(6, await _database.ScalarAsync<int>("SELECT status FROM orleans_silo"));
        Assert.Equal("suspects", await _database.ScalarAsync<string>("SELECT suspect_times FROM orleans_silo"));
    }

    [Fact]
    public async Task Reads_return_the_version_row_even_without_silos_and_gateways_list_active_silos()
    {
        await RunAsync<int>("InsertMembershipVersionKey", ("DeploymentId", Cluster));
        Assert.Equal(0, await ReadAllAsync(row => row.GetInt32(row.GetOrdinal("Version"))));
        Assert.True(await ReadAllAsync(row => row.IsDBNull(row.GetOrdinal("StartTime"))));

        await InsertSiloAsync(port: 11111, version: 0);
        await InsertSiloAsync(port: 11112, version: 1);
        await UpdateSiloAsync(status: 6, version: 2);

        await using var command = await CommandAsync("GatewaysQueryKey", ("DeploymentId", Cluster), ("Status", 3));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(30002, reader.GetInt32(reader.GetOrdinal("ProxyPort"))); // silo 11112: 11111 was declared dead
        Assert.False(await reader.ReadAsync());
    }

    private Task<int> InsertSiloAsync(int port, int version) => RunAsync<int>("InsertMembershipKey",
        ("DeploymentId", Cluster), ("Address", "127.0.0.1"), ("Port", port), ("Generation", 1), ("SiloName", "silo"),
        ("HostName", "host"), ("Status", 3), ("ProxyPort", port + 18890), ("StartTime", Now), ("IAmAliveTime", Now),
        ("Version", version));

    private Task<int> UpdateSiloAsync(int status, int version) => RunAsync<int>("UpdateMembershipKey",
        ("DeploymentId", Cluster), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 1), ("Status", status),
        ("SuspectTimes", "suspects"), ("IAmAliveTime", Now), ("Version", version));

    private async Task<T> ReadAllAsync<T>(Func<NpgsqlDataReader, T> read)
    {
        await using var command = await CommandAsync("MembershipReadAllKey", ("DeploymentId", Cluster));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return read(reader);
    }

    private async Task<T> RunAsync<T>(string key, params (string Name, object Value)[] parameters)
    {
        await using var command = await CommandAsync(key, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlCommand> CommandAsync(string key, params (string Name, object Value)[] parameters)
    {
        var text = await _database.ScalarAsync<string>("SELECT querytext FROM orleansquery WHERE querykey = $1", key);
        var command = _database.DataSource.CreateCommand(text);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
