using Loosh.Devnet;
using Loosh.Storage;

namespace Loosh.Grains.Tests.Miners;

/// <summary>Ledger retention: challenges (with what hangs off them) and delivered outbox rows past the window go; the rest stays.</summary>
public sealed class LedgerRetentionTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_validator_prunes_old_rows_at_start_and_keeps_recent_and_undelivered_ones()
    {
        var now = DateTimeOffset.UtcNow;
        await SeedAsync(now);

        await using var harness = await MinerNetworkHarness.StartAsync(_database, [new MinerBehaviour.Honest()],
            devnet => [MinerNetworkHarness.Node(devnet.Miners[0], 0)], settings: ("LEDGER_RETENTION_HOURS", "48"));
        await Eventually.MatchAsync(() => _database.ScalarAsync<long>("SELECT count(*) FROM challenges WHERE challenge_id = 'old'"),
            count => count == 0, TimeSpan.FromSeconds(60), "the old challenge to be pruned");
        await Eventually.MatchAsync(() => _database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE message_id = 'old-delivered'"),
            count => count == 0, TimeSpan.FromSeconds(60), "the old delivered message to be pruned");

        await AssertOnlyOldRowsWentAsync();
        Assert.NotNull((await harness.Validator.GetMinerNetworkAsync()).LastLedgerPruneAt);
    }

    [Fact]
    public async Task PruneAsync_deletes_challenges_received_before_the_cutoff_with_their_answers()
    {
        var now = DateTimeOffset.UtcNow;
        await SeedAsync(now);

        var pruned = await new ValidatorLedger(_database.DataSource).PruneAsync(now.AddHours(-48));

        Assert.Equal(1, pruned);
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM challenges WHERE challenge_id = 'old'"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM miner_answers WHERE challenge_id = 'old'"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM challenges WHERE challenge_id = 'recent'"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM miner_answers WHERE challenge_id = 'recent'"));
    }

    /// <summary>A challenge (with an answer) from 3 days ago and one from an hour ago; old and recent outbox rows, delivered or not.</summary>
    private async Task SeedAsync(DateTimeOffset now)
    {
        var ledger = new ValidatorLedger(_database.DataSource);
        foreach (var (id, at) in new[] { ("old", now.AddDays(-3)), ("recent", now.AddHours(-1)) })
        {
            await ledger.RecordChallengeAsync(new ChallengeEntry(id, null, "push", "submitted", null, "{}", at));
            await _database.ExecuteAsync("INSERT INTO miner_answers (challenge_id, miner_hotkey, outcome) VALUES ($1, '5Miner', 'answered')", id);
        }
        var outbox = new Outbox(_database.DataSource);
        foreach (var id in new[] { "old-delivered", "old-pending", "recent-delivered" })
        {
            await outbox.EnqueueAsync(new OutboxMessage(id, "test", "{}"));
        }
        await outbox.MarkDeliveredAsync("old-delivered", 201);
        await outbox.MarkDeliveredAsync("recent-delivered", 201);
        await _database.ExecuteAsync("UPDATE outbox SET created_at = $1, delivered_at = CASE WHEN delivered_at IS NULL THEN NULL ELSE $1 END WHERE message_id LIKE 'old-%'", now.AddDays(-3));
    }

    private async Task AssertOnlyOldRowsWentAsync()
    {
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM challenges WHERE challenge_id = 'recent'"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM miner_answers WHERE challenge_id = 'old'"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM miner_answers WHERE challenge_id = 'recent'"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE message_id = 'old-pending'"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE message_id = 'recent-delivered'"));
    }
}
