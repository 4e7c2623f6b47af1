using Loosh.TestSupport;

namespace Loosh.Storage.Tests;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task Migrations_apply_once_and_a_second_run_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var first = await SchemaMigrator.MigrateAsync(database.DataSource);
        var second = await SchemaMigrator.MigrateAsync(database.DataSource);

        Assert.Equal(SchemaMigrator.Migrations.Select(m => m.Name), first.Select(m => m.Name));
        Assert.Empty(second);
        Assert.Equal((long)SchemaMigrator.Migrations.Count, await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal([1, 2, 3], SchemaMigrator.Migrations.Select(m => m.Version));
    }

    [Fact]
    public async Task Concurrent_start_ups_apply_each_migration_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SchemaMigrator.MigrateAsync(database.DataSource)));

        Assert.Equal(SchemaMigrator.Migrations.Count, runs.Sum(applied => applied.Count));
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_afterwards_stops_the_start_up()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 2");

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => SchemaMigrator.MigrateAsync(database.DataSource));
        Assert.Contains("0002_ledger", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_query_catalogue_has_every_key_the_orleans_providers_require()
    {
        await using var database = await TestDatabase.CreateAsync();
        string[] required =
        [
            "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
            "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
            "CleanupDefunctSiloEntriesKey", "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];

        var present = new List<string>();
        await using (var reader = await database.DataSource.CreateCommand("SELECT querykey FROM orleansquery").ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetString(0));
            }
        }

        Assert.Equal(required.Order(), present.Order());
    }
}
