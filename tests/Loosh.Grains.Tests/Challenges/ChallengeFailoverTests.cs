using Loosh.Devnet;
using Loosh.Grains.Challenges;
using Loosh.Grains.Delivery;
using Loosh.Grains.Tests.Miners;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Loosh.Grains.Tests.Challenges;

/// <summary>
/// A silo dies while a challenge it hosts is collecting answers: the challenge's resume reminder brings it back on the
/// other silo, which asks the miners that had not answered again, finishes the pipeline and delivers the result once.
/// </summary>
public sealed class ChallengeFailoverTests : IAsyncLifetime
{
    /// <summary>Long enough that the silo can be killed while the slow miners are still working, well inside the collection window.</summary>
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(20);

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_challenge_whose_silo_is_killed_mid_collection_finishes_on_the_other_silo_and_is_delivered_once()
    {
        MinerBehaviour[] behaviours =
        [
            new MinerBehaviour.Honest(), new MinerBehaviour.Honest(), new MinerBehaviour.Honest(),
            new MinerBehaviour.Slow(SlowAnswer), new MinerBehaviour.Slow(SlowAnswer),
        ];
        await using var harness = await MinerNetworkHarness.StartAsync(
            _database,
            behaviours,
            devnet => [.. devnet.Miners.Select((miner, uid) => MinerNetworkHarness.Node(miner, uid))],
            services: services =>
            {
                // The resume reminder is what brings an orphaned challenge back; tick it every few seconds, not every two minutes.
                services.PostConfigure<ChallengePipelineOptions>(options => options.ResumePeriod = TimeSpan.FromSeconds(5));
                // Declare the killed silo dead in about a second instead of the production half-minute.
                services.Configure<ClusterMembershipOptions>(options =>
                {
                    options.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                    options.NumMissedProbesLimit = 1;
                    options.NumVotesForDeathDeclaration = 1;
                    options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                    options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
                });
            },
            silos: 2,
            settings: [("CHALLENGE_TIMEOUT_SECONDS", "120"), ("REMINDER_MINIMUM_PERIOD_SECONDS", "1"), ("EMBEDDING_THREADS", "1")]);
        await harness.WaitAsync(view => view.ProbeRounds >= 1 && view.Availability.Count(a => a.Value.Available) == behaviours.Length,
            "every miner to answer the first probe");
        var slow = harness.Devnet.Miners.Where(m => m.Behaviour is MinerBehaviour.Slow).ToArray();

        const string id = "failover-1";
        var challenge = harness.Cluster.Client.GetGrain<IChallengeGrain>(id);
        Assert.Equal(ChallengeAcceptance.Accepted, await challenge.AcceptAsync(ChallengeNetwork.Request(id)));

        // Mid-flight: dispatched, the honest answers recorded, the slow miners still working on theirs.
        var midFlight = await Eventually.MatchAsync(challenge.GetAsync, s => s?.Status == ChallengeStatus.Dispatched && s.Answers.Count == 3,
            TimeSpan.FromSeconds(60), "the honest answers");
        Assert.DoesNotContain(midFlight!.Answers, a => slow.Any(m => m.Hotkey == a.Hotkey));

        Assert.True(harness.Cluster.TryGetGrainContext(challenge.GetGrainId(), out var activation));
        var host = harness.Cluster.Silos.Single(s => s.SiloAddress.Equals(activation.Address.SiloAddress));
        await harness.Cluster.KillSiloAsync(host);
        var survivor = Assert.Single(harness.Cluster.Silos);

        // Grain calls may reach for the dead silo until it is declared dead, so the ledger tells when the challenge is done.
        var status = await Eventually.MatchAsync(
            () => _database.ScalarAsync<string>("SELECT status FROM challenges WHERE challenge_id = $1", id),
            s => s is "submitted" or "failed", TimeSpan.FromMinutes(4), "the challenge to finish on the surviving silo");
        Assert.Equal("submitted", status);

        var done = await challenge.GetAsync();
        Assert.NotNull(done);
        Assert.True(harness.Cluster.TryGetGrainContext(challenge.GetGrainId(), out var resumed));
        Assert.Equal(survivor.SiloAddress, resumed.Address.SiloAddress);
        Assert.Equal(
            [ChallengeStatus.Received, ChallengeStatus.Dispatched, ChallengeStatus.Collected, ChallengeStatus.Evaluated, ChallengeStatus.Submitted],
            done.History.Select(h => h.Status));
        // The resumed challenge asked the slow miners again (their first answers went to the dead silo) and waited for them.
        Assert.All(done.Answers, a => Assert.Equal(MinerOutcomeKind.Answered, a.Kind));
        Assert.All(slow, m => Assert.True(m.InferenceCount >= 2, $"miner {m.Index} was asked {m.InferenceCount} time(s)"));

        // Exactly once: one batch arrived, and the outbox sent it in a single, acknowledged attempt.
        var batch = Assert.Single(harness.Api.Received.Batches, b => b.ChallengeId == id);
        Assert.Equal(5, batch.Body.GetProperty("responses").GetArrayLength());
        var messageId = OutboxKinds.ResultOf(id);
        Assert.True(await _database.ScalarAsync<bool>("SELECT delivered_at IS NOT NULL FROM outbox WHERE message_id = $1", messageId));
        Assert.Equal(1, await _database.ScalarAsync<int>("SELECT attempts FROM outbox WHERE message_id = $1", messageId));
    }
}
