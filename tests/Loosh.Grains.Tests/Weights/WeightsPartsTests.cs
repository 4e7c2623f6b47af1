using System.Text.Json;
using Loosh.Chain.Crypto;
using Loosh.Chain.Metagraph;
using Loosh.Chain.Scale;
using Loosh.Evaluation.Weights;
using Loosh.Grains.Weights;

namespace Loosh.Grains.Tests.Weights;

/// <summary>The pure pieces of the weights epoch: serving-miner selection, emission rows, the sybil cache, options, reports.</summary>
public sealed class WeightsPartsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Serving_miners_leave_out_ourselves_neurons_without_an_axon_and_listed_validators()
    {
        var neurons = new[]
        {
            Neuron(0, 1, ip: 0x0A000001, port: 8091),
            Neuron(1, 2, ip: 0, port: 8091),
            Neuron(2, 3, ip: 0x0A000003, port: 0),
            Neuron(3, 4, ip: 0x0A000004, port: 8091, stakeTao: 5000),
            Neuron(4, 5, ip: 0x0A000005, port: 8091),
            Neuron(5, 6, ip: 0x0A000006, port: 8091),
        };

        var selected = ServingMiners.Select(neurons, HotkeyOf(1), new HashSet<string> { HotkeyOf(5) });

        // With a validator list the stake does not matter: uid 3 is a miner with a large stake.
        Assert.Equal([new MetagraphMiner(3, HotkeyOf(4)), new MetagraphMiner(5, HotkeyOf(6))], selected);
    }

    [Fact]
    public void Without_a_validator_list_a_stake_of_999_tao_or_more_marks_a_validator()
    {
        var neurons = new[] { Neuron(0, 1, 0x0A000001, 8091, stakeTao: 998.9m), Neuron(1, 2, 0x0A000002, 8091, stakeTao: 999m) };

        var selected = ServingMiners.Select(neurons, HotkeyOf(9), validators: null);

        Assert.Equal([new MetagraphMiner(0, HotkeyOf(1))], selected);
    }

    [Fact]
    public void Emission_rows_per_miner_give_the_same_moving_average_as_rows_per_challenge()
    {
        var miners = new[]
        {
            new MinerScoreInputs("a", [new("c2", Now.AddHours(-1), 0.8), new("c1", Now.AddHours(-2), 0.4), new("c3", Now.AddHours(-1), 0.1)], null, null),
            new MinerScoreInputs("b", [new("c1", Now.AddHours(-2), 0.9)], null, null),
        };
        var perChallenge = new[]
        {
            new EvaluationRecord(1, Now.AddHours(-2), new Dictionary<string, double> { ["a"] = 0.4, ["b"] = 0.9 }),
            new EvaluationRecord(2, Now.AddHours(-1), new Dictionary<string, double> { ["a"] = 0.8 }),
            new EvaluationRecord(3, Now.AddHours(-1), new Dictionary<string, double> { ["a"] = 0.1 }),
        };

        var rows = EmissionRecords.From(miners);

        Assert.Equal(4, rows.Count);
        Assert.Equal(MovingAverage.Compute(perChallenge, Now), MovingAverage.Compute(rows, Now));
        // Rows at the same instant keep challenge order, so c3 comes after c2 whatever order the grain held them in.
        Assert.Equal(0.3 * 0.1 + 0.7 * (0.3 * 0.8 + 0.7 * 0.4), MovingAverage.Compute(rows, Now)["a"], 12);
    }

    [Fact]
    public async Task The_sybil_cache_reuses_a_fetch_for_300_s_then_falls_back_to_stale_scores_then_to_none()
    {
        var time = new ManualTime(Now);
        var answers = new Queue<IReadOnlyDictionary<string, double>?>([new Dictionary<string, double> { ["a"] = 0.5 }, null]);
        var fetches = 0;
        var cache = new SybilScoreCache((_, _) => { fetches++; return Task.FromResult(answers.Dequeue()); }, time);
        var empty = new SybilScoreCache((_, _) => Task.FromResult<IReadOnlyDictionary<string, double>?>(null), time);

        var first = await cache.GetAsync(["a"], CancellationToken.None);
        time.Now += TimeSpan.FromSeconds(299);
        var cached = await cache.GetAsync(["a"], CancellationToken.None);
        time.Now += TimeSpan.FromSeconds(1);
        var stale = await cache.GetAsync(["a"], CancellationToken.None);
        var none = await empty.GetAsync(["a"], CancellationToken.None);

        Assert.Equal((SybilScoreSource.Api, 0.5), (first.Source, first.Scores!["a"]));
        Assert.Equal((SybilScoreSource.Cache, 0.5), (cached.Source, cached.Scores!["a"]));
        Assert.Equal((SybilScoreSource.StaleCache, 0.5), (stale.Source, stale.Scores!["a"]));
        Assert.Equal(2, fetches);
        Assert.Equal(new SybilScoreLookup(null, SybilScoreSource.None), none);
    }

    [Theory]
    [InlineData(4320, 60, 300)]
    [InlineData(600, 60, 60)]
    [InlineData(20, 1, 2)]
    [InlineData(300, 60, 60)]
    public void A_failed_epoch_retries_after_a_tenth_of_the_interval_within_bounds(int intervalSeconds, int minimumSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds),
            WeightsOptions.RetryDelayFor(TimeSpan.FromSeconds(intervalSeconds), TimeSpan.FromSeconds(minimumSeconds)));

    [Fact]
    public void The_penalty_report_is_the_Challenge_API_body_keyed_by_the_epoch()
    {
        var penalties = new[]
        {
            new SybilPenalty(3, "5C", 0.7, 0.5, 0.15, PenaltyType.Graduated),
            new SybilPenalty(4, "5D", 1.0, 0.5, 0.0, PenaltyType.Zeroed),
        };

        var message = PenaltyReports.Message(78, 12, "5Validator", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), penalties);

        Assert.NotNull(message);
        Assert.Equal(("penalty:78/12", "penalty-report"), (message.MessageId, message.Kind));
        var body = JsonDocument.Parse(message.PayloadJson).RootElement;
        Assert.Equal("5Validator", body.GetProperty("validator_hotkey").GetString());
        Assert.Equal("2026-03-01T12:00:00", body.GetProperty("timestamp").GetString());
        Assert.Equal(
            """[{"miner_hotkey":"5C","miner_uid":3,"penalty_type":"graduated","sybil_score":0.7},{"miner_hotkey":"5D","miner_uid":4,"penalty_type":"zeroed","sybil_score":1}]""",
            body.GetProperty("penalties").GetRawText());
        Assert.Null(PenaltyReports.Message(78, 12, "5Validator", Now, []));
    }

    private static string HotkeyOf(byte seed) => Ss58.Encode(Enumerable.Repeat(seed, 32).ToArray());

    private static NeuronLite Neuron(ushort uid, byte hotkeySeed, uint ip, ushort port, decimal stakeTao = 0)
    {
        var hotkey = new AccountId32(Enumerable.Repeat(hotkeySeed, 32).ToArray());
        var stake = stakeTao == 0 ? Array.Empty<NeuronStake>() : [new NeuronStake(hotkey, (ulong)(stakeTao * Rao.PerTao))];
        return new NeuronLite(
            hotkey, hotkey, uid, 1, true, new AxonInfo(1, 1, ip, port, 4, 4, 0, 0), default, stake,
            default, 0, default, default, default, default, default, 0, false, 0);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
