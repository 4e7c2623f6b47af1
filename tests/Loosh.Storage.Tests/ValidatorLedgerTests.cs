using Loosh.TestSupport;

namespace Loosh.Storage.Tests;

public sealed class ValidatorLedgerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private ValidatorLedger _ledger = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _ledger = new ValidatorLedger(_database.DataSource);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_challenge_is_recorded_once()
    {
        Assert.True(await _ledger.RecordChallengeAsync(Challenge("c1", Start)));
        Assert.False(await _ledger.RecordChallengeAsync(Challenge("c1", Start.AddMinutes(1)) with { Model = "other" }));
        Assert.Equal("m", await _database.ScalarAsync<string>("SELECT model FROM challenges WHERE challenge_id = 'c1'"));
    }

    [Fact]
    public async Task Challenges_are_listed_newest_first_in_pages_with_the_total()
    {
        for (var i = 0; i < 5; i++)
        {
            await _ledger.RecordChallengeAsync(Challenge($"c{i}", Start.AddMinutes(i)));
        }
        await _ledger.SetChallengeStatusAsync("c3", "dispatched");

        var first = await _ledger.ListChallengesAsync(limit: 2, offset: 0);
        var second = await _ledger.ListChallengesAsync(limit: 2, offset: 2);
        var beyond = await _ledger.ListChallengesAsync(limit: 2, offset: 10);

        Assert.Equal(["c4", "c3"], first.Items.Select(c => c.ChallengeId));
        Assert.Equal("dispatched", first.Items[1].Status);
        Assert.Equal(["c2", "c1"], second.Items.Select(c => c.ChallengeId));
        Assert.Empty(beyond.Items);
        Assert.All([first, second, beyond], page => Assert.Equal(5, page.Total));
        Assert.Equal(Start.AddMinutes(4), first.Items[0].ReceivedAt);
    }

    [Fact]
    public async Task Stats_count_what_the_ledger_holds()
    {
        var empty = await _ledger.GetStatsAsync();
        Assert.Equal(0, empty.TotalChallenges);
        Assert.Null(empty.AverageResponseTimeMs);
        Assert.Null(empty.LastChallengeAt);

        await _ledger.RecordChallengeAsync(Challenge("c1", Start));
        await _ledger.RecordChallengeAsync(Challenge("c2", Start.AddMinutes(5)));
        await _ledger.SetChallengeStatusAsync("c2", "submitted");
        await _ledger.UpsertMinerAsync(new MinerEntry("5A", 1, null, "1.2.3.4", 80, 1, true, Start, Start, null));
        await _ledger.UpsertMinerAsync(new MinerEntry("5B", 2, null, "1.2.3.5", 80, 1, false, Start, null, "timeout"));
        await _ledger.UpsertMinerAsync(new MinerEntry("5B", 2, null, "1.2.3.5", 80, 1, true, Start, Start, null));
        await _ledger.RegisterHotkeyAsync("5Registered");
        await _database.ExecuteAsync("""
            INSERT INTO miner_answers (challenge_id, miner_hotkey, response_time_ms, outcome) VALUES
              ('c1', '5A', 1000, 'answered'), ('c1', '5B', 3000, 'answered'), ('c2', '5A', NULL, 'timed_out')
            """);

        var stats = await _ledger.GetStatsAsync();

        Assert.Equal(2, stats.TotalChallenges);
        Assert.Equal(1, stats.ChallengesByStatus["received"]);
        Assert.Equal(1, stats.ChallengesByStatus["submitted"]);
        Assert.Equal(2, stats.AnsweredResponses);
        Assert.Equal(1, stats.FailedResponses);
        Assert.Equal(2000, stats.AverageResponseTimeMs);
        Assert.Equal(2, stats.KnownMiners);
        Assert.Equal(2, stats.AvailableMiners);
        Assert.Equal(1, stats.RegisteredHotkeys);
        Assert.Equal(Start.AddMinutes(5), stats.LastChallengeAt);
    }

    [Fact]
    public async Task Registering_a_hotkey_twice_keeps_one_row()
    {
        Assert.True(await _ledger.RegisterHotkeyAsync("5Same"));
        Assert.False(await _ledger.RegisterHotkeyAsync("5Same"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM registered_hotkeys"));
    }

    private static ChallengeEntry Challenge(string id, DateTimeOffset at) =>
        new(id, null, "legacy", "received", "m", $$"""{"id":"{{id}}"}""", at);
}
