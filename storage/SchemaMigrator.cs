using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Loosh.Storage;

/// <summary>
/// Applies the embedded migrations (Orleans provider tables, then the ledger) to a Postgres database.
/// Safe to run on every start and from several processes at once: a transaction-scoped advisory lock
/// serialises concurrent runs, and a version table records what has been applied.
/// </summary>
public static class SchemaMigrator
{
    // Any constant works; it only has to be the same for every process migrating this database.
    private const long MigrationLockKey = 0x4C6F6F73684F726C; // "LooshOrl"

    public static IReadOnlyList<Migration> Migrations { get; } = LoadEmbeddedMigrations();

    /// <summary>Applies every migration not yet recorded and returns the ones applied by this call.</summary>
    /// <exception cref="SchemaMigrationException">An applied migration no longer matches its script, or a script failed.</exception>
    public static async Task<IReadOnlyList<Migration>> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations
            (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken).ConfigureAwait(false);

        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var newlyApplied = new List<Migration>();
        foreach (var migration in Migrations)
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new SchemaMigrationException(
                        $"Migration {migration.Name} was changed after it was applied (checksum {checksum} in the database, " +
                        $"{migration.Checksum} in this build). Add a new migration instead of editing an applied one.");
                }
                continue;
            }

            try
            {
                await ExecuteAsync(connection, transaction, migration.Script, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                throw new SchemaMigrationException($"Migration {migration.Name} failed: {e.MessageText}", e);
            }

            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction);
            record.Parameters.Add(new() { Value = migration.Version });
            record.Parameters.Add(new() { Value = migration.Name });
            record.Parameters.Add(new() { Value = migration.Checksum });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            newlyApplied.Add(migration);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return newlyApplied;
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }
        return applied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Migration[] LoadEmbeddedMigrations()
    {
        const string prefix = "Loosh.Storage.Migrations.";
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => ReadMigration(assembly, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(migration => migration.Version)
            .ToArray();
    }

    private static Migration ReadMigration(Assembly assembly, string resourceName, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded migration {resourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var script = reader.ReadToEnd();
        var versionText = name.Split('_', 2)[0];
        if (!int.TryParse(versionText, out var version))
        {
            throw new InvalidOperationException($"Migration {name} must start with a number, e.g. 0003_name.sql.");
        }
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        return new Migration(version, name, script, checksum);
    }
}

/// <summary>One embedded SQL migration.</summary>
public sealed record Migration(int Version, string Name, string Script, string Checksum);

/// <summary>The schema could not be brought up to date.</summary>
public sealed class SchemaMigrationException : Exception
{
    public SchemaMigrationException(string message) : base(message) { }
    public SchemaMigrationException(string message, Exception innerException) : base(message, innerException) { }
    public SchemaMigrationException() { }
}
