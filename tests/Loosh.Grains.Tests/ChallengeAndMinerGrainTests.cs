namespace Loosh.Grains.Tests;

/// <summary>The challenge state machine and miner outcomes, through real grains and the ledger (epochs: Weights/).</summary>
public sealed class ChallengeAndMinerGrainTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Orleans.TestingHost.InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _cluster = await TestClusters.StartAsync(_database, TestClusters.NewServiceId(), 1, ("CHALLENGE_TIMEOUT_SECONDS", "2"));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_challenge_is_accepted_once_recorded_and_fails_when_no_miner_is_available()
    {
        var grain = _cluster.Client.GetGrain<IChallengeGrain>("c-dup");

        Assert.Equal(ChallengeAcceptance.Accepted, await grain.AcceptAsync(TestChallenges.Request("c-dup")));
        Assert.Equal(ChallengeAcceptance.Duplicate, await grain.AcceptAsync(TestChallenges.Request("c-dup") with { Prompt = "changed" }));

        Assert.Null((await grain.GetAsync())!.Request.Prompt);
        // This cluster knows no miners: after asking for the challenge timeout (2 s here) the challenge ends as failed, with
        // the reason, in the grain and the ledger.
        var failed = await Eventually.MatchAsync(grain.GetAsync, s => s?.Status == ChallengeStatus.Failed, TimeSpan.FromSeconds(30), "the challenge to fail");
        Assert.Equal("no available miner to send the challenge to", failed!.FailureReason);
        Assert.Equal("failed", await _database.ScalarAsync<string>("SELECT status FROM challenges WHERE challenge_id = 'c-dup'"));
        Assert.Equal("legacy", await _database.ScalarAsync<string>("SELECT source FROM challenges WHERE challenge_id = 'c-dup'"));
        Assert.Equal("What is 2 + 2?", await _database.ScalarAsync<string>(
            "SELECT payload->'messages'->0->>'content' FROM challenges WHERE challenge_id = 'c-dup'"));
    }

    [Fact]
    public async Task A_challenge_sent_to_the_wrong_grain_is_refused()
    {
        var grain = _cluster.Client.GetGrain<IChallengeGrain>("c-a");
        await Assert.ThrowsAsync<ArgumentException>(() => grain.AcceptAsync(TestChallenges.Request("c-b")));
        Assert.Null(await grain.GetAsync());
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
}
