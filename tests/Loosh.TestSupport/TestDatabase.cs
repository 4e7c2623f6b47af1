using Loosh.Hosting;
using Loosh.Storage;
using Npgsql;

namespace Loosh.TestSupport;

/// <summary>
/// A fresh database on the test Postgres server, with the project's schema applied, dropped on dispose.
/// The server comes from LOOSH_TEST_POSTGRES (a connection string to its maintenance database); the README's
/// test command starts a throwaway server and sets it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "LOOSH_TEST_POSTGRES";

    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Creates the database; with <paramref name="migrate"/> the schema is applied as the silo would.</summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with ./deploy/local/test.sh, which starts a throwaway Postgres, " +
                $"or set {ServerVariable} to a connection string such as Host=127.0.0.1;Port=55433;Username=postgres;Database=postgres.");
        }
        var database = new TestDatabase(server, "loosh_test_" + Guid.NewGuid().ToString("N")[..16]);
        await using (var admin = NpgsqlDataSource.Create(server))
        {
            await admin.CreateCommand($"CREATE DATABASE \"{database.Name}\"").ExecuteNonQueryAsync();
        }
        if (migrate)
        {
            await SchemaMigrator.MigrateAsync(database.DataSource);
        }
        return database;
    }

    /// <summary>Validated settings pointing at this database, with test-friendly defaults and <paramref name="overrides"/>.</summary>
    public ValidatorSettings Settings(params (string Name, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["DATABASE_CONNECTION_STRING"] = ConnectionString,
            ["NETUID"] = "78",
        };
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }
        return ValidatorSettings.FromValues(values);
    }

    /// <summary>Runs <paramref name="sql"/> with positional parameters ($1, $2, …) and returns the first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private NpgsqlCommand Command(string sql, object[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(_serverConnectionString);
        await admin.CreateCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)").ExecuteNonQueryAsync();
    }
}
