namespace Loosh.Grains.Tests;

/// <summary>The challenge state machine and miner outcomes, through real grains and the ledger (epochs: Weights/).</summary>
public sealed class ChallengeAndEpochTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Orleans.TestingHost.InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _cluster = await TestClusters.StartAsync(_database, TestClusters.NewServiceId());
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_challenge_is_accepted_once_and_recorded_in_the_ledger()
    {
        var grain = _cluster.Client.GetGrain<IChallengeGrain>("c-dup");

        Assert.Equal(ChallengeAcceptance.Accepted, await grain.AcceptAsync(Challenges.Request("c-dup")));
        Assert.Equal(ChallengeAcceptance.Duplicate, await grain.AcceptAsync(Challenges.Request("c-dup") with { Prompt = "changed" }));

        Assert.Null((await grain.GetAsync())!.Request.Prompt);
        Assert.Equal("received", await _database.ScalarAsync<string>("SELECT status FROM challenges WHERE challenge_id = 'c-dup'"));
        Assert.Equal("legacy", await _database.ScalarAsync<string>("SELECT source FROM challenges WHERE challenge_id = 'c-dup'"));
        Assert.Equal("What is 2 + 2?", await _database.ScalarAsync<string>(
            "SELECT payload->'messages'->0->>'content' FROM challenges WHERE challenge_id = 'c-dup'"));
    }

    [Fact]
    public async Task A_challenge_sent_to_the_wrong_grain_is_refused()
    {
        var grain = _cluster.Client.GetGrain<IChallengeGrain>("c-a");
        await Assert.ThrowsAsync<ArgumentException>(() => grain.AcceptAsync(Challenges.Request("c-b")));
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task The_state_machine_allows_only_forward_steps_and_mirrors_them_to_the_ledger()
    {
        var grain = _cluster.Client.GetGrain<IChallengeGrain>("c-steps");
        await Assert.ThrowsAsync<InvalidChallengeTransitionException>(() => grain.AdvanceAsync(ChallengeStatus.Dispatched));
        await grain.AcceptAsync(Challenges.Request("c-steps"));

        await Assert.ThrowsAsync<InvalidChallengeTransitionException>(() => grain.AdvanceAsync(ChallengeStatus.Evaluated));
        foreach (var step in new[] { ChallengeStatus.Dispatched, ChallengeStatus.Collected, ChallengeStatus.Evaluated, ChallengeStatus.Submitted })
        {
            Assert.Equal(step, (await grain.AdvanceAsync(step)).Status);
        }
        // Repeating the last step is harmless; leaving a final state is not allowed.
        Assert.Equal(ChallengeStatus.Submitted, (await grain.AdvanceAsync(ChallengeStatus.Submitted)).Status);
        await Assert.ThrowsAsync<InvalidChallengeTransitionException>(() => grain.AdvanceAsync(ChallengeStatus.Failed));

        var snapshot = await grain.GetAsync();
        Assert.Equal(5, snapshot!.History.Count);
        Assert.Equal("submitted", await _database.ScalarAsync<string>("SELECT status FROM challenges WHERE challenge_id = 'c-steps'"));
    }

    [Fact]
    public async Task Miner_outcomes_track_failures_and_are_recorded_once_per_challenge()
    {
        var miner = _cluster.Client.GetGrain<IMinerGrain>("5Miner");
        var at = DateTimeOffset.UnixEpoch;
        await miner.RecordOutcomeAsync(new MinerOutcome("c1", MinerOutcomeKind.TimedOut, null, null, at));
        var snapshot = await miner.RecordOutcomeAsync(new MinerOutcome("c2", MinerOutcomeKind.Failed, null, null, at));
        Assert.Equal(2, snapshot.ConsecutiveFailures);

        snapshot = await miner.RecordOutcomeAsync(new MinerOutcome("c2", MinerOutcomeKind.Answered, 0.5, 900, at));
        Assert.Equal(0, snapshot.ConsecutiveFailures);
        Assert.Equal(["c1", "c2"], snapshot.RecentOutcomes.Select(o => o.ChallengeId));
        Assert.Equal(MinerOutcomeKind.Answered, snapshot.RecentOutcomes[1].Kind);

        var probed = await miner.RecordProbeAsync(new AvailabilityProbe(false, at, "connection refused"));
        Assert.False(probed.Available);
        Assert.Equal("connection refused", await _database.ScalarAsync<string>("SELECT last_error FROM miners WHERE hotkey = '5Miner'"));
    }

    [Fact]
    public async Task Retrying_a_step_repairs_a_ledger_row_a_crash_left_behind()
    {
        var challenge = _cluster.Client.GetGrain<IChallengeGrain>("c-repair");
        await challenge.AcceptAsync(Challenges.Request("c-repair"));
        await challenge.AdvanceAsync(ChallengeStatus.Dispatched);
        await _database.ExecuteAsync("UPDATE challenges SET status = 'received' WHERE challenge_id = 'c-repair'");

        await challenge.AdvanceAsync(ChallengeStatus.Dispatched);
        Assert.Equal("dispatched", await _database.ScalarAsync<string>("SELECT status FROM challenges WHERE challenge_id = 'c-repair'"));
        Assert.Equal(2, (await challenge.GetAsync())!.History.Count);
    }
}
