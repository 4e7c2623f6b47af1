using System.Text.Json;
using Loosh.Devnet;
using Loosh.Grains.Tests.Miners;

namespace Loosh.Grains.Tests.Challenges;

/// <summary>
/// A validator cluster with five devnet miners (uids 0–4): three honest, one whose answers are off-topic, and one that
/// never answers in time. Collection closes after a few seconds so the timeout shows without slowing the tests.
/// </summary>
public sealed class ChallengeNetwork : IAsyncLifetime
{
    public const int HonestCount = 3;
    public const int GarbageUid = 3;
    public const int SilentUid = 4;

    public TestDatabase Database { get; private set; } = null!;

    public MinerNetworkHarness Harness { get; private set; } = null!;

    public IReadOnlyList<SimulatedMiner> Miners => Harness.Devnet.Miners;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        MinerBehaviour[] behaviours =
        [
            new MinerBehaviour.Honest(), new MinerBehaviour.Honest(), new MinerBehaviour.Honest(),
            new MinerBehaviour.Garbage(), new MinerBehaviour.Timeout(),
        ];
        Harness = await MinerNetworkHarness.StartAsync(
            Database,
            behaviours,
            devnet => [.. devnet.Miners.Select((miner, uid) => MinerNetworkHarness.Node(miner, uid))],
            settings: [("CHALLENGE_TIMEOUT_SECONDS", "4"), ("EMBEDDING_THREADS", "1")]);
        await Harness.WaitAsync(view => view.ProbeRounds >= 1 && view.Availability.Count(a => a.Value.Available) == behaviours.Length,
            "every miner to answer the first probe");
    }

    public IChallengeGrain Challenge(string id) => Harness.Cluster.Client.GetGrain<IChallengeGrain>(id);

    /// <summary>A challenge the devnet corpus knows, as the Challenge API would push it.</summary>
    public static ChallengeRequest Request(string id, string prompt = "Explain how photosynthesis works.")
    {
        var json = JsonSerializer.Serialize(new { id, prompt, temperature = 0.7, max_tokens = 512, created_at = "2026-11-25T12:00:00" });
        return new ChallengeRequest(id, $"corr-{id}", ChallengeSource.Push, prompt, [], null, 0.7, null, 512,
            new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), json);
    }

    /// <summary>Waits until the challenge reaches a final status.</summary>
    public Task<ChallengeSnapshot?> FinishedAsync(string id, TimeSpan? timeout = null) =>
        Eventually.MatchAsync(() => Challenge(id).GetAsync(), s => s is not null && ChallengeStateMachine.IsFinal(s.Status),
            timeout ?? TimeSpan.FromSeconds(90), $"challenge {id} to finish");

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Database.DisposeAsync();
    }
}
