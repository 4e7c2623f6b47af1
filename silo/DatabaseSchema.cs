using Loosh.Storage;
using Npgsql;

namespace Loosh.Silo;

/// <summary>
/// Brings the database schema up to date before the silo starts. A database that is not reachable yet (silos
/// often start together with it) is retried for about a minute; then the failure is reported in one line.
/// </summary>
internal static class DatabaseSchema
{
    private const int Attempts = 30;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public static async Task<bool> PrepareAsync(string connectionString, TextWriter output, TextWriter error)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var where = $"{target.Host}:{target.Port}/{target.Database}";
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await SchemaMigrator.MigrateAsync(dataSource);
                await output.WriteLineAsync(applied.Count == 0
                    ? $"Database schema at {where} is up to date."
                    : $"Applied {applied.Count} migration(s) to {where}: {string.Join(", ", applied.Select(m => m.Name))}.");
                return true;
            }
            catch (NpgsqlException e) when (e.IsTransient && attempt < Attempts)
            {
                await output.WriteLineAsync($"Database at {where} not reachable yet ({e.Message}); retrying ({attempt}/{Attempts}).");
                await Task.Delay(RetryDelay);
            }
            catch (Exception e) when (e is NpgsqlException or SchemaMigrationException)
            {
                await error.WriteLineAsync($"Cannot prepare the database at {where}: {e.Message}");
                return false;
            }
        }
    }
}
