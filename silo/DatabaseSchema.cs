using Loosh.Storage;
using Npgsql;

namespace Loosh.Silo;

/// <summary>Brings the database schema up to date before the silo starts, reporting failures in one line.</summary>
internal static class DatabaseSchema
{
    public static async Task<bool> PrepareAsync(string connectionString, TextWriter output, TextWriter error)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var where = $"{target.Host}:{target.Port}/{target.Database}";
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var applied = await SchemaMigrator.MigrateAsync(dataSource);
            await output.WriteLineAsync(applied.Count == 0
                ? $"Database schema at {where} is up to date."
                : $"Applied {applied.Count} migration(s) to {where}: {string.Join(", ", applied.Select(m => m.Name))}.");
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or SchemaMigrationException)
        {
            await error.WriteLineAsync($"Cannot prepare the database at {where}: {e.Message}");
            return false;
        }
    }
}
