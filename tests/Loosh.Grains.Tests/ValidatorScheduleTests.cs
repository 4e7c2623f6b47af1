namespace Loosh.Grains.Tests;

/// <summary>The validator's reminders: they fire, they survive a cluster restart, and pausing really pauses.</summary>
public sealed class ValidatorScheduleTests : IAsyncLifetime
{
    private static readonly (string, string)[] PullEverySecond =
    [
        ("CHALLENGE_MODE", "pull"), ("CHALLENGE_INTERVAL_SECONDS", "1"), ("REMINDER_MINIMUM_PERIOD_SECONDS", "1"),
    ];

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Challenge_reminder_fires_and_keeps_firing_after_a_cluster_restart()
    {
        var serviceId = TestClusters.NewServiceId();
        long ticksBeforeRestart;
        await using (var cluster = await TestClusters.StartAsync(_database, serviceId, silos: 2, PullEverySecond))
        {
            var validator = cluster.Client.GetGrain<IValidatorGrain>(78);
            var status = await Eventually.MatchAsync(validator.GetStatusAsync, s => s.ChallengeTicks >= 2,
                TimeSpan.FromSeconds(30), "two challenge ticks");
            ticksBeforeRestart = status.ChallengeTicks;
        }

        Assert.Equal(1L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_reminder WHERE service_id = $1 AND reminder_name = 'challenge-interval'", serviceId));

        await using (var restarted = await TestClusters.StartAsync(_database, serviceId, silos: 1, PullEverySecond))
        {
            var validator = restarted.Client.GetGrain<IValidatorGrain>(78);
            var status = await Eventually.MatchAsync(validator.GetStatusAsync, s => s.ChallengeTicks >= ticksBeforeRestart + 2,
                TimeSpan.FromSeconds(30), "two more challenge ticks after the restart");
            Assert.NotNull(status.LastChallengeTickAt);
        }
    }

    [Fact]
    public async Task A_paused_validator_takes_no_challenge_ticks_until_resumed()
    {
        await using var cluster = await TestClusters.StartAsync(_database, TestClusters.NewServiceId(), silos: 1, PullEverySecond);
        var validator = cluster.Client.GetGrain<IValidatorGrain>(78);
        await Eventually.MatchAsync(validator.GetStatusAsync, s => s.ChallengeTicks >= 1, TimeSpan.FromSeconds(30), "a first tick");

        var paused = await validator.SetRunningAsync(false);
        Assert.False(paused.Running);
        Assert.NotNull(paused.RunningChangedAt);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(paused.ChallengeTicks, (await validator.GetStatusAsync()).ChallengeTicks);

        await validator.SetRunningAsync(true);
        await Eventually.MatchAsync(validator.GetStatusAsync, s => s.ChallengeTicks > paused.ChallengeTicks,
            TimeSpan.FromSeconds(30), "ticks after resuming");
    }

    [Fact]
    public async Task Weights_reminder_closes_an_epoch_and_records_it_in_the_ledger()
    {
        await using var cluster = await TestClusters.StartAsync(_database, TestClusters.NewServiceId(), silos: 1,
            ("WEIGHTS_INTERVAL_SECONDS", "2"), ("REMINDER_MINIMUM_PERIOD_SECONDS", "1"), ("SUBTENSOR_ADDRESS", "ws://127.0.0.1:9"));
        var validator = cluster.Client.GetGrain<IValidatorGrain>(78);

        var status = await Eventually.MatchAsync(validator.GetStatusAsync, s => s.WeightsTicks >= 1,
            TimeSpan.FromSeconds(30), "a weights tick");

        Assert.NotNull(status.LastEpoch);
        var epoch = cluster.Client.GetGrain<IEpochGrain>(EpochKey.Format(78, status.LastEpoch.Value));
        // No chain listens at this cluster's subtensor address: the epoch's attempt fails, and the record says why (the
        // epoch tests in Weights/ cover real submissions).
        var failed = await Eventually.MatchAsync(epoch.GetAsync, e => e is { Status: EpochStatus.Failed },
            TimeSpan.FromSeconds(30), "the epoch's first attempt");
        Assert.Contains("subtensor", failed!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("failed", await _database.ScalarAsync<string>(
            "SELECT status FROM weight_submissions WHERE netuid = 78 AND epoch = $1", status.LastEpoch.Value));
    }

    [Fact]
    public async Task Switching_to_push_mode_removes_the_challenge_reminder()
    {
        var serviceId = TestClusters.NewServiceId();
        await using (await TestClusters.StartAsync(_database, serviceId, silos: 1, PullEverySecond))
        {
        }
        await using (await TestClusters.StartAsync(_database, serviceId, silos: 1, ("CHALLENGE_MODE", "push")))
        {
            Assert.Equal(0L, await _database.ScalarAsync<long>(
                "SELECT count(*) FROM orleans_reminder WHERE service_id = $1 AND reminder_name = 'challenge-interval'", serviceId));
            Assert.Equal(1L, await _database.ScalarAsync<long>(
                "SELECT count(*) FROM orleans_reminder WHERE service_id = $1 AND reminder_name = 'weights-interval'", serviceId));
        }
    }
}
