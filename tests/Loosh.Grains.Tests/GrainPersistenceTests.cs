using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Loosh.Grains.Tests;

/// <summary>Grain state in Postgres: it survives deactivation and a full cluster restart, and it is plain JSON.</summary>
public sealed class GrainPersistenceTests : IAsyncLifetime
{
    private const string Hotkey = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task State_of_every_grain_survives_deactivation_and_a_full_cluster_restart()
    {
        var serviceId = TestClusters.NewServiceId();
        var registration = new MinerRegistration(12, "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL", "203.0.113.7", 8091, 12.5);
        var outcome = new MinerOutcome("challenge-1", MinerOutcomeKind.Answered, 0.7, 1200, At);

        await using (var cluster = await TestClusters.StartAsync(_database, serviceId, silos: 2))
        {
            var miner = cluster.Client.GetGrain<IMinerGrain>(Hotkey);
            await miner.UpdateRegistrationAsync(registration);
            await miner.RecordOutcomeAsync(outcome);
            // Paused first, so the challenge waits in Received instead of moving on.
            await cluster.Client.GetGrain<IValidatorGrain>(78).SetRunningAsync(false);
            var challenge = cluster.Client.GetGrain<IChallengeGrain>("challenge-1");
            Assert.Equal(ChallengeAcceptance.Accepted, await challenge.AcceptAsync(TestChallenges.Request("challenge-1")));

            foreach (var grain in new IAddressable[] { miner, challenge, cluster.Client.GetGrain<IValidatorGrain>(78) })
            {
                await cluster.DeactivateAsync(grain);
            }

            var afterDeactivation = await miner.GetAsync();
            Assert.Equal(registration, afterDeactivation.Registration);
            Assert.Equal(ChallengeStatus.Received, (await challenge.GetAsync())!.Status);
        }

        await using (var restarted = await TestClusters.StartAsync(_database, serviceId, silos: 1))
        {
            var miner = await restarted.Client.GetGrain<IMinerGrain>(Hotkey).GetAsync();
            Assert.Equal(registration, miner.Registration);
            Assert.Equal(outcome, Assert.Single(miner.RecentOutcomes));
            Assert.Equal("challenge-1", miner.LastAnsweredChallengeId);

            var challenge = await restarted.Client.GetGrain<IChallengeGrain>("challenge-1").GetAsync();
            Assert.NotNull(challenge);
            // Still paused after the restart: the challenge waits in Received for its resume reminder.
            Assert.Equal(ChallengeStatus.Received, challenge.Status);
            Assert.Equal([ChallengeStatus.Received], challenge.History.Select(h => h.Status));
            Assert.Equal(TestChallenges.Request("challenge-1").Messages, challenge.Request.Messages);

            Assert.False((await restarted.Client.GetGrain<IValidatorGrain>(78).GetStatusAsync()).Running);
        }

        // The state belongs to the service id: another service on the same database starts empty.
        await using var other = await TestClusters.StartAsync(_database, TestClusters.NewServiceId());
        Assert.Null((await other.Client.GetGrain<IMinerGrain>(Hotkey).GetAsync()).Registration);
        Assert.True((await other.Client.GetGrain<IValidatorGrain>(78).GetStatusAsync()).Running);
    }

    [Fact]
    public async Task Grain_state_is_stored_as_plain_json_without_type_names()
    {
        await using var cluster = await TestClusters.StartAsync(_database, TestClusters.NewServiceId());
        await cluster.Client.GetGrain<IMinerGrain>(Hotkey).RecordProbeAsync(new AvailabilityProbe(true, At, null));

        var json = await _database.ScalarAsync<string>(
            "SELECT state::text FROM orleans_grain_state_json WHERE grain_type LIKE '%miner%'");

        Assert.Contains("\"Available\": true", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Loosh.Grains", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_rejects_stale_writes_with_an_etag_conflict()
    {
        await using var cluster = await TestClusters.StartAsync(_database, TestClusters.NewServiceId());
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = GrainId.Create("etag-check", "one");

        var current = new GrainState<MinerState>(new MinerState { ConsecutiveFailures = 1 });
        await storage.WriteStateAsync("miner", grainId, current);
        var firstEtag = current.ETag;
        current.State!.ConsecutiveFailures = 2;
        await storage.WriteStateAsync("miner", grainId, current);

        // A second "first write" (no etag) and a write with the old etag must both be refused.
        var freshInsert = new GrainState<MinerState>(new MinerState { ConsecutiveFailures = 9 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("miner", grainId, freshInsert));
        var stale = new GrainState<MinerState>(new MinerState { ConsecutiveFailures = 9 }) { ETag = firstEtag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("miner", grainId, stale));

        var read = new GrainState<MinerState>();
        await storage.ReadStateAsync("miner", grainId, read);
        Assert.Equal(2, read.State!.ConsecutiveFailures);
        Assert.Equal(current.ETag, read.ETag);

        await storage.ClearStateAsync("miner", grainId, read);
        var afterClear = new GrainState<MinerState>();
        await storage.ReadStateAsync("miner", grainId, afterClear);
        Assert.Equal(0, afterClear.State!.ConsecutiveFailures);
    }
}
