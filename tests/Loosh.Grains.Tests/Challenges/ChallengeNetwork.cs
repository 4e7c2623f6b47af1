using System.Text.Json;
using Loosh.Devnet;
using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Scoring;
using Loosh.Grains.Challenges;
using Loosh.Grains.Tests.Miners;
using Microsoft.Extensions.DependencyInjection;

namespace Loosh.Grains.Tests.Challenges;

/// <summary>
/// A validator cluster with five devnet miners (uids 0–4): three honest, one whose answers are off-topic, and one that
/// never answers in time. Collection closes after a few seconds so the timeout shows without slowing the tests.
/// Subclasses run the same network under other settings (pull mode, TEST_MODE, another scoring profile).
/// </summary>
public class ChallengeNetwork : IAsyncLifetime
{
    public const int HonestCount = 3;
    public const int GarbageUid = 3;
    public const int SilentUid = 4;

    private readonly Action<IServiceCollection>? _services;
    private readonly (string Name, string Value)[] _settings;

    public ChallengeNetwork()
        : this(null)
    {
    }

    /// <param name="services">Registrations made before the production wiring (which keeps them).</param>
    /// <param name="settings">Validator settings on top of this network's short collection window.</param>
    protected ChallengeNetwork(Action<IServiceCollection>? services, params (string Name, string Value)[] settings)
    {
        _services = services;
        _settings = settings;
    }

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
            services: _services,
            settings: [("CHALLENGE_TIMEOUT_SECONDS", "4"), ("EMBEDDING_THREADS", "1"), .. _settings]);
        await Harness.WaitAsync(view => view.ProbeRounds >= 1 && view.Availability.Count(a => a.Value.Available) == behaviours.Length,
            "every miner to answer the first probe");
    }

    public IChallengeGrain Challenge(string id) => Harness.Cluster.Client.GetGrain<IChallengeGrain>(id);

    /// <summary>A challenge the devnet corpus knows, as the Challenge API would push it.</summary>
    public static ChallengeRequest Request(string id, string prompt = "Explain how photosynthesis works.") =>
        new(id, $"corr-{id}", ChallengeSource.Push, prompt, [], null, 0.7, null, 512,
            new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), RequestJson(id, prompt));

    /// <summary>The Challenge API's JSON of <see cref="Request"/>, as it is pushed or served to a pull.</summary>
    public static string RequestJson(string id, string prompt = "Explain how photosynthesis works.") =>
        JsonSerializer.Serialize(new { id, prompt, temperature = 0.7, max_tokens = 512, created_at = "2026-11-25T12:00:00" });

    /// <summary>Waits until the challenge reaches a final status.</summary>
    public Task<ChallengeSnapshot?> FinishedAsync(string id, TimeSpan? timeout = null) =>
        Eventually.MatchAsync(() => Challenge(id).GetAsync(), s => s is not null && ChallengeStateMachine.IsFinal(s.Status),
            timeout ?? TimeSpan.FromSeconds(90), $"challenge {id} to finish");

    /// <summary>What the evaluation library gives for the answers a finished challenge collected, computed here apart from the cluster.</summary>
    public static async Task<EvaluationReport> EvaluateLocallyAsync(ChallengeSnapshot done, ScoringProfile profile)
    {
        ArgumentNullException.ThrowIfNull(done);
        var uids = done.Miners.ToDictionary(m => m.Hotkey);
        await using var embedder = OnnxTextEmbedder.Create(new EmbedderOptions { IntraOpNumThreads = 1 });
        var evaluator = new ChallengeEvaluator(embedder, profile);
        return await evaluator.EvaluateAsync(new EvaluationRequest(
            done.Request.Id,
            done.Request.Prompt!,
            [.. done.Answers.Where(a => a.Kind == MinerOutcomeKind.Answered)
                .Select(a => new AnswerToEvaluate(a.Hotkey, uids[a.Hotkey].Uid, a.Text, a.ResponseTimeMs, uids[a.Hotkey].Ip, uids[a.Hotkey].Coldkey))]));
    }

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The network in pull mode (the original protocol): challenges are fetched on the challenge interval and miners are called over plain HTTP.</summary>
public sealed class PullChallengeNetwork() : ChallengeNetwork(
    null,
    ("CHALLENGE_MODE", "pull"),
    ("CHALLENGE_API_KEY", "api-key-0"),
    ("REMINDER_MINIMUM_PERIOD_SECONDS", "1"),
    ("CHALLENGE_INTERVAL_SECONDS", "2"));

/// <summary>The network with TEST_MODE on: no evaluation, the first answer goes back on its own.</summary>
public sealed class TestModeChallengeNetwork() : ChallengeNetwork(null, ("TEST_MODE", "true"));

/// <summary>The network under the opt-in quality-gated scoring profile.</summary>
public sealed class QualityGatedChallengeNetwork() : ChallengeNetwork(null, ("SCORING_PROFILE", "quality-gated"));

/// <summary>The network with the resume reminder ticking every ten seconds instead of every two minutes.</summary>
public sealed class QuickResumeChallengeNetwork() : ChallengeNetwork(
    services => services.PostConfigure<ChallengePipelineOptions>(options => options.ResumePeriod = QuickResumePeriod),
    ("REMINDER_MINIMUM_PERIOD_SECONDS", "1"))
{
    public static readonly TimeSpan QuickResumePeriod = TimeSpan.FromSeconds(10);
}
