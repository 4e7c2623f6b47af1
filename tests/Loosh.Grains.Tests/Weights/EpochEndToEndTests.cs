using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Loosh.Chain.Crypto;
using Loosh.Chain.Extrinsics;
using Loosh.Chain.Metadata;
using Loosh.Chain.Rpc;
using Loosh.Chain.Subtensor;
using Loosh.Chain.Tests;
using Loosh.Chain.Tests.Chopsticks;
using Loosh.Chain.Weights;
using Loosh.Devnet.Chain;
using Loosh.Devnet.ChallengeApi;
using Loosh.Evaluation.Weights;
using Loosh.Grains.Weights;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using EvaluationWeight = Loosh.Evaluation.Weights.UidWeight;

namespace Loosh.Grains.Tests.Weights;

/// <summary>
/// Weights epochs end to end: miner grains hold the outcomes, the simulated Challenge API answers validators and
/// sybil scores, and a real subtensor runtime under chopsticks executes set_weights. Each test lays out the subnet
/// afresh, starts its own cluster and uses fresh miner hotkeys.
/// </summary>
[Collection(ChopsticksTests.Name)]
public sealed class EpochEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly byte[] _seed = RandomNumberGenerator.GetBytes(Sr25519.MiniSecretLength);
    private readonly Sr25519KeyPair _validator;
    private readonly string _walletRoot = Directory.CreateTempSubdirectory("loosh-weights-wallet-").FullName;
    private TestDatabase _database = null!;
    private ChopsticksChain _chain = null!;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    private readonly ChopsticksNode _node;

    public EpochEndToEndTests(ChopsticksNode node)
    {
        _node = node;
        _validator = Sr25519KeyPair.FromMiniSecret(_seed);
    }

    private string ValidatorHotkey => Ss58.Encode(_validator.PublicKey.Span);

    public async Task InitializeAsync()
    {
        var hotkeys = Directory.CreateDirectory(Path.Combine(_walletRoot, "validator", "hotkeys"));
        await File.WriteAllTextAsync(Path.Combine(hotkeys.FullName, "default"),
            $$"""{"secretSeed":"0x{{Convert.ToHexStringLower(_seed)}}"}""", new UTF8Encoding(false));
        _database = await TestDatabase.CreateAsync();
        if (ChainFixtures.Exists(ChopsticksNode.ChainSpec))
        {
            _chain = await ChopsticksChain.ConnectAsync(_node.Endpoint);
        }
    }

    public async Task DisposeAsync()
    {
        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }
        await _database.DisposeAsync();
        _validator.Dispose();
        Directory.Delete(_walletRoot, recursive: true);
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task An_epoch_puts_the_computed_weights_on_chain_reports_penalties_and_a_second_close_sends_nothing()
    {
        var miners = Miners(5);
        var (a, b, c, d, e) = (miners[0], miners[1], miners[2], miners[3], miners[4]);
        var unserved = e with { Port = 0 };
        await LayOutAsync([a, b, c, d, unserved]);
        await using var api = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions
        {
            ValidatorHotkeys = [ValidatorHotkey],
            SybilScores = new Dictionary<string, double> { [Hotkey(c)] = 0.7 },
        });
        await using var cluster = await StartClusterAsync(api.BaseUrl);
        var evaluations = await RecordOutcomesAsync(cluster, [
            (-2.0, [(a, 0.4), (b, 0.9), (c, 0.5), (e, 0.7)]),
            (-1.0, [(a, 0.8), (b, 0.2), (c, 0.5)]),
            (-0.5, [(a, 0.6)]),
            // d last answered five hours ago: inside the moving average's window, outside NORMAL freshness.
            (-5.0, [(d, 1.0)]),
        ]);

        var epoch = cluster.Client.GetGrain<IEpochGrain>(EpochKey.Format(ChopsticksSubnet.Netuid, 1001));
        var done = await CloseAndWaitAsync(epoch);

        Assert.True(done.Status == EpochStatus.Submitted, done.Message);
        Assert.Equal("api", done.Inputs!.SybilSource);
        Assert.Equal([1, 2, 3, 4], done.Inputs.Miners.Select(m => m.Uid));
        var lastSuccess = new Dictionary<SubnetMiner, double> { [a] = -0.5, [b] = -1.0, [c] = -1.0, [d] = -5.0 };
        var sybil = new[] { a, b, c, d }.ToDictionary(Hotkey, m => m == c ? 0.7 : 0.0);
        var expected = await ExpectedAsync(done, [a, b, c, d], lastSuccess, evaluations, sybil);
        Assert.Contains(expected.Decision.Penalties, p => p.Hotkey == Hotkey(c));
        Assert.Equal(expected.Chain, done.ChainWeights.Select(w => (w.Uid, w.Value)));
        Assert.Equal(expected.Chain, await OnChainWeightsAsync());
        Assert.Equal("submitted", await _database.ScalarAsync<string>(
            "SELECT status FROM weight_submissions WHERE netuid = 1 AND epoch = 1001"));
        Assert.Equal(done.ExtrinsicHash, await _database.ScalarAsync<string>(
            "SELECT extrinsic_hash FROM weight_submissions WHERE netuid = 1 AND epoch = 1001"));
        Assert.Equal(done.Block, await _database.ScalarAsync<long>(
            "SELECT block_number FROM weight_submissions WHERE netuid = 1 AND epoch = 1001"));

        var report = JsonDocument.Parse(await _database.ScalarAsync<string>(
            "SELECT payload::text FROM outbox WHERE message_id = 'penalty:1/1001' AND kind = 'penalty-report'")).RootElement;
        Assert.Equal(ValidatorHotkey, report.GetProperty("validator_hotkey").GetString());
        var penalty = Assert.Single(report.GetProperty("penalties").EnumerateArray());
        Assert.Equal(Hotkey(c), penalty.GetProperty("miner_hotkey").GetString());
        Assert.Equal(3, penalty.GetProperty("miner_uid").GetInt32());
        Assert.Equal("graduated", penalty.GetProperty("penalty_type").GetString());
        Assert.Equal(0.7, penalty.GetProperty("sybil_score").GetDouble());

        var nonce = await NonceAsync();
        var again = await epoch.CloseAsync(new EpochCloseRequest(null, _now.AddMinutes(10)));
        Assert.Equal((done.Status, done.ExtrinsicHash, done.Block, done.UpdatedAt), (again.Status, again.ExtrinsicHash, again.Block, again.UpdatedAt));
        Assert.Equal(nonce, await NonceAsync());
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM orleans_reminder WHERE reminder_name = 'epoch-attempt'"));
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task With_the_Challenge_API_down_the_epoch_fails_open_without_a_penalty()
    {
        var miners = Miners(2);
        await LayOutAsync(miners);
        await using var cluster = await StartClusterAsync(new Uri($"http://127.0.0.1:{ClosedPort()}"));
        var evaluations = await RecordOutcomesAsync(cluster, [(-1.0, [(miners[0], 0.3), (miners[1], 0.6)])]);

        var done = await CloseAndWaitAsync(cluster.Client.GetGrain<IEpochGrain>(EpochKey.Format(ChopsticksSubnet.Netuid, 1002)));

        Assert.True(done.Status == EpochStatus.Submitted, done.Message);
        Assert.Equal("none", done.Inputs!.SybilSource);
        var expected = await ExpectedAsync(done, miners, miners.ToDictionary(m => m, _ => -1.0), evaluations, sybil: null);
        Assert.Equal(expected.Chain, await OnChainWeightsAsync());
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE kind = 'penalty-report'"));
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task Within_the_rate_limit_the_epoch_is_skipped_and_nothing_is_sent()
    {
        var miners = Miners(1);
        await LayOutAsync(miners, rateLimit: 10_000);
        await using var api = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions { ValidatorHotkeys = [ValidatorHotkey] });
        await using var cluster = await StartClusterAsync(api.BaseUrl);
        await RecordOutcomesAsync(cluster, [(-1.0, [(miners[0], 0.5)])]);
        var nonce = await NonceAsync();

        var done = await CloseAndWaitAsync(cluster.Client.GetGrain<IEpochGrain>(EpochKey.Format(ChopsticksSubnet.Netuid, 1003)));

        Assert.Equal(EpochStatus.Skipped, done.Status);
        Assert.StartsWith("rate limited", done.Message, StringComparison.Ordinal);
        Assert.Equal(nonce, await NonceAsync());
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task An_all_zero_epoch_in_normal_mode_is_skipped_and_nothing_is_sent()
    {
        var miners = Miners(2);
        await LayOutAsync(miners);
        await using var api = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions { ValidatorHotkeys = [ValidatorHotkey] });
        await using var cluster = await StartClusterAsync(api.BaseUrl);
        await RecordOutcomesAsync(cluster, [(-1.0, [(miners[0], 0.0), (miners[1], 0.0)])]);
        var nonce = await NonceAsync();

        var done = await CloseAndWaitAsync(cluster.Client.GetGrain<IEpochGrain>(EpochKey.Format(ChopsticksSubnet.Netuid, 1004)));

        Assert.Equal(EpochStatus.Skipped, done.Status);
        Assert.Equal("normal", done.Inputs!.Mode);
        Assert.Contains("every score is zero", done.Message, StringComparison.Ordinal);
        Assert.Empty(done.ChainWeights);
        Assert.Equal(nonce, await NonceAsync());
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task With_commit_reveal_enabled_no_set_weights_is_sent_and_the_epoch_fails_for_good()
    {
        var miners = Miners(1);
        await LayOutAsync(miners, commitReveal: true);
        await using var api = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions { ValidatorHotkeys = [ValidatorHotkey] });
        await using var cluster = await StartClusterAsync(api.BaseUrl);
        await RecordOutcomesAsync(cluster, [(-1.0, [(miners[0], 0.5)])]);
        var nonce = await NonceAsync();

        var done = await CloseAndWaitAsync(cluster.Client.GetGrain<IEpochGrain>(EpochKey.Format(ChopsticksSubnet.Netuid, 1005)));

        Assert.Equal(EpochStatus.Failed, done.Status);
        Assert.Null(done.RetryAt);
        Assert.Contains("commit-reveal", done.Message, StringComparison.Ordinal);
        Assert.Equal(nonce, await NonceAsync());
    }

    [FixtureTheory(ChopsticksNode.ChainSpec)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_crash_with_a_signed_extrinsic_the_epoch_never_signs_again(bool sentBeforeTheCrash)
    {
        var miners = Miners(2);
        await LayOutAsync(miners);
        await using var api = await SimulatedChallengeApi.StartAsync(new SimulatedChallengeApiOptions { ValidatorHotkeys = [ValidatorHotkey] });
        await using var cluster = await StartClusterAsync(api.BaseUrl);
        await RecordOutcomesAsync(cluster, [(-1.0, [(miners[0], 0.3), (miners[1], 0.6)])]);
        var epoch = cluster.Client.GetGrain<IEpochGrain>(EpochKey.Format(ChopsticksSubnet.Netuid, 1006));

        // What the grain persists right before sending, with weights the epoch would not compute itself.
        var submitter = new ExtrinsicSubmitter(_chain.Node, _chain.Metadata);
        var signed = await submitter.SignAsync(SubtensorCalls.SetWeights(_chain.Metadata, ChopsticksSubnet.Netuid, [1], [65535], 0), _validator);
        var nonce = await NonceAsync();
        var lastUpdate = (await StandingAsync()).LastUpdate;
        var best = (await _chain.Node.GetBestBlockAsync()).Number;
        var hash = Hex.Encode(signed.Hash);
        await SeedStateAsync(cluster, epoch, new EpochState
        {
            Request = new EpochCloseRequest(null, _now.AddMinutes(10)),
            Snapshot = new EpochSnapshot(ChopsticksSubnet.Netuid, 1006, EpochStatus.Sending, null, [], [], hash, null, null, 1, _now, _now, null),
            InFlight = new SignedSetWeights(Hex.Encode(signed.Bytes), hash, nonce, lastUpdate, best + MortalEra.DefaultPeriod),
        });
        if (sentBeforeTheCrash)
        {
            Assert.True((await submitter.SubmitAsync(signed)).Succeeded);
        }

        var done = await CloseAndWaitAsync(epoch);

        Assert.True(done.Status == EpochStatus.Submitted, done.Message);
        Assert.Equal(hash, done.ExtrinsicHash);
        Assert.Equal(nonce + 1, await NonceAsync());
        Assert.Equal([(1, 65535)], await OnChainWeightsAsync());
        Assert.Equal((long)(await StandingAsync()).LastUpdate, done.Block);
    }

    private static List<SubnetMiner> Miners(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new SubnetMiner(RandomNumberGenerator.GetBytes(32), 0x0A000001u + (uint)i, 8091))];

    private static string Hotkey(SubnetMiner miner) => Ss58.Encode(miner.Hotkey);

    /// <summary>Lays out the subnet with our last update at the best block: NORMAL mode (the chain is young, so even a
    /// never-set validator would be NORMAL), within any rate limit above zero.</summary>
    private async Task LayOutAsync(IReadOnlyList<SubnetMiner> miners, ulong rateLimit = 0, bool commitReveal = false)
    {
        var best = (await _chain.Node.GetBestBlockAsync()).Number;
        await ChopsticksSubnet.LayOutAsync(_chain, _validator.PublicKey.ToArray(), miners, best, rateLimit, commitReveal);
    }

    private Task<InProcessTestCluster> StartClusterAsync(Uri challengeApi) => TestClusters.StartAsync(
        _database, TestClusters.NewServiceId(), 1,
        ("NETUID", "1"), ("SUBTENSOR_ADDRESS", _node.Endpoint.ToString()), ("CHALLENGE_API_URL", challengeApi.ToString()),
        ("WALLET_PATH", _walletRoot), ("WALLET_NAME", "validator"), ("HOTKEY_NAME", "default"),
        ("WEIGHTS_INTERVAL_SECONDS", "20"), ("REMINDER_MINIMUM_PERIOD_SECONDS", "1"));

    /// <summary>
    /// Records each challenge's emissions (hours relative to now) in the miners' grains, oldest first, and returns the
    /// same data as the per-challenge rows the reference would have stored.
    /// </summary>
    private async Task<List<EvaluationRecord>> RecordOutcomesAsync(InProcessTestCluster cluster, (double Hours, (SubnetMiner Miner, double Emission)[] Emissions)[] challenges)
    {
        var rows = new List<EvaluationRecord>();
        var id = 0;
        foreach (var (hours, emissions) in challenges.OrderBy(challenge => challenge.Hours))
        {
            var at = _now.AddHours(hours);
            var challengeId = string.Create(CultureInfo.InvariantCulture, $"challenge-{id}");
            foreach (var (miner, emission) in emissions)
            {
                await cluster.Client.GetGrain<IMinerGrain>(Hotkey(miner))
                    .RecordOutcomeAsync(new MinerOutcome(challengeId, MinerOutcomeKind.Answered, emission, 900, at));
            }
            rows.Add(new EvaluationRecord(id++, at, emissions.ToDictionary(e => Hotkey(e.Miner), e => e.Emission)));
        }
        return rows;
    }

    private static async Task<EpochSnapshot> CloseAndWaitAsync(IEpochGrain epoch)
    {
        await epoch.CloseAsync(new EpochCloseRequest(null, DateTimeOffset.UtcNow.AddMinutes(10)));
        return (await Eventually.MatchAsync(epoch.GetAsync, s => s is { Status: EpochStatus.Skipped or EpochStatus.Submitted or EpochStatus.Failed },
            Patience, "the epoch to finish an attempt"))!;
    }

    /// <summary>What the weight computation, the subnet processing and the u16 conversion give for the same inputs.</summary>
    private async Task<(WeightDecision Decision, List<(int Uid, int Value)> Chain)> ExpectedAsync(
        EpochSnapshot done, IReadOnlyList<SubnetMiner> serving, Dictionary<SubnetMiner, double> lastSuccessHours,
        List<EvaluationRecord> evaluations, Dictionary<string, double>? sybil)
    {
        var miners = serving.Select((m, i) => new ServingMiner(i + 1, Hotkey(m), _now.AddHours(lastSuccessHours[m]))).ToList();
        var decision = WeightComputation.Compute(new WeightInputs(_now, done.Inputs!.BlocksSinceLastUpdate, 0, miners, evaluations, sybil));
        Assert.False(decision.IsSkip);
        Assert.Equal(decision.Weights, done.Weights.Select(w => new EvaluationWeight(w.Uid, w.Weight)));
        using var reader = new SubtensorReader(_chain.Node);
        var parameters = await reader.GetWeightSettingParametersAsync(ChopsticksSubnet.Netuid);
        var limits = new SubnetWeightLimits(parameters.NeuronCount, parameters.MinAllowedWeights, parameters.MaxWeightsLimit);
        var chain = WeightConversion.ToChainWeights(WeightProcessing.ProcessForSubnet(
            [.. decision.Weights.Select(w => (ushort)w.Uid)], [.. decision.Weights.Select(w => w.Weight)], limits));
        return (decision, [.. chain.Uids.Zip(chain.Values, (uid, value) => ((int)uid, (int)value))]);
    }

    private async Task<List<(int Uid, int Value)>> OnChainWeightsAsync()
    {
        var best = await _chain.Node.GetBestBlockAsync();
        var stored = await _chain.ReadAsync("SubtensorModule", "Weights", best.Hash, ChopsticksChain.U16(ChopsticksSubnet.Netuid), ChopsticksChain.U16(0));
        return [.. ((SequenceValue)stored!).Items.Cast<CompositeValue>()
            .Select(pair => ((int)((UnsignedValue)pair[0]).Value, (int)((UnsignedValue)pair[1]).Value))];
    }

    private async Task<HotkeyStanding> StandingAsync()
    {
        using var reader = new SubtensorReader(_chain.Node);
        return (await reader.GetStandingAsync(ChopsticksSubnet.Netuid, _validator.PublicKey))!;
    }

    private Task<uint> NonceAsync() => _chain.Node.GetAccountNextIndexAsync(ValidatorHotkey);

    /// <summary>Writes the grain's stored state before it is first activated, as a silo that crashed would have left it.</summary>
    private static async Task SeedStateAsync(InProcessTestCluster cluster, IEpochGrain epoch, EpochState seeded)
    {
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        await storage.WriteStateAsync("epoch", epoch.GetGrainId(), new GrainState<EpochState>(seeded));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
