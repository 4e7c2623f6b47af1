using Loosh.Protocols.Miners;

namespace Loosh.Devnet.Tests;

/// <summary>Every simulated miner behaviour gives the intended <see cref="MinerOutcome"/>, over real loopback HTTP.</summary>
public sealed class MinerBehaviourTests(MinerNetwork network) : IClassFixture<MinerNetwork>
{
    private static readonly MinerCorpus.Topic Topic = MinerCorpus.Shared.Topics[1];

    private static async Task<MinerOutcome> InferAsync(SimulatedMiner miner, MinerClientOptions? options = null)
    {
        using var client = MinerNetwork.Client(options);
        return await client.InferAsync(miner.BaseUrl, MinerNetwork.Request(Topic.Prompt), CancellationToken.None);
    }

    private static MinerReply Answer(MinerOutcome outcome) => Assert.IsType<MinerOutcome.Answered>(outcome).Reply;

    private static MinerOutcome.Failed Failure(MinerOutcome outcome, MinerFailureKind kind)
    {
        var failed = Assert.IsType<MinerOutcome.Failed>(outcome);
        Assert.Equal(kind, failed.Kind);
        return failed;
    }

    [Fact]
    public async Task An_honest_miner_answers_on_topic_with_usage_and_gets_our_hotkey()
    {
        var miner = network.Miner(0);

        var reply = Answer(await InferAsync(miner));

        Assert.Contains(reply.ResponseText, Topic.Answers);
        Assert.Equal("stop", reply.FinishReason);
        Assert.NotNull(reply.Usage);
        Assert.Equal(reply.Usage.PromptTokens + reply.Usage.CompletionTokens, reply.Usage.TotalTokens);
        Assert.True(reply.Usage.CompletionTokens > 20);
        Assert.Equal("corr-1", reply.CorrelationId);
        Assert.Equal(MinerNetwork.OurHotkey, miner.LastValidatorHotkey);
    }

    [Fact]
    public async Task Honest_miners_differ_and_a_copycat_repeats_its_target_word_for_word()
    {
        var first = Answer(await InferAsync(network.Miner(0))).ResponseText;
        var second = Answer(await InferAsync(network.Miner(1))).ResponseText;
        var copy = Answer(await InferAsync(network.First<MinerBehaviour.CopyCat>())).ResponseText;

        Assert.NotEqual(first, second);
        Assert.Equal(first, copy);
    }

    [Fact]
    public async Task A_garbage_miner_answers_off_topic() =>
        Assert.Contains(Answer(await InferAsync(network.First<MinerBehaviour.Garbage>())).ResponseText, MinerCorpus.Shared.OffTopic);

    [Fact]
    public async Task An_empty_miner_answers_with_empty_text() =>
        Assert.Equal("", Answer(await InferAsync(network.First<MinerBehaviour.Empty>())).ResponseText);

    [Fact]
    public async Task A_slow_miner_within_the_deadline_answers_and_its_time_is_measured()
    {
        var outcome = await InferAsync(network.First<MinerBehaviour.Slow>());

        Answer(outcome);
        Assert.InRange(outcome.Elapsed, TimeSpan.FromMilliseconds(300) - MinerNetwork.TimerSlack, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_slow_miner_past_the_deadline_times_out() =>
        Assert.IsType<MinerOutcome.TimedOut>(await InferAsync(
            network.First<MinerBehaviour.Slow>(), MinerNetwork.Options() with { RequestTimeout = TimeSpan.FromMilliseconds(100) }));

    [Fact]
    public async Task A_silent_miner_times_out_at_the_configured_deadline()
    {
        var deadline = TimeSpan.FromMilliseconds(500);

        var outcome = await InferAsync(network.First<MinerBehaviour.Timeout>(), MinerNetwork.Options() with { RequestTimeout = deadline });

        Assert.IsType<MinerOutcome.TimedOut>(outcome);
        Assert.InRange(outcome.Elapsed, deadline - MinerNetwork.TimerSlack, deadline + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_http_error_is_a_failure_with_the_status() =>
        Assert.Equal(500, Failure(await InferAsync(network.First<MinerBehaviour.HttpError>()), MinerFailureKind.HttpStatus).HttpStatus);

    [Fact]
    public async Task A_rate_limit_is_a_failure_with_retry_after()
    {
        var failed = Failure(await InferAsync(network.First<MinerBehaviour.RateLimited>()), MinerFailureKind.RateLimited);

        Assert.Equal(429, failed.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(7), failed.RetryAfter);
    }

    [Fact]
    public async Task An_oversize_reply_is_cut_at_the_limit_without_reading_it_all()
    {
        var options = MinerNetwork.Options() with { MaxResponseBytes = 1024 * 1024 };
        var before = GC.GetTotalAllocatedBytes(precise: true);

        Failure(await InferAsync(network.First<MinerBehaviour.Oversize>(), options), MinerFailureKind.Oversize);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated} bytes for a 64 MiB reply");
    }

    [Fact]
    public async Task Malformed_json_is_a_failure() =>
        Failure(await InferAsync(network.First<MinerBehaviour.MalformedJson>()), MinerFailureKind.MalformedJson);

    [Fact]
    public async Task An_initializing_miner_refuses_with_503() =>
        Assert.Equal(503, Failure(await InferAsync(network.First<MinerBehaviour.Initializing>()), MinerFailureKind.HttpStatus).HttpStatus);

    [Fact]
    public async Task A_refused_connection_is_a_failure()
    {
        using var client = MinerNetwork.Client();

        var outcome = await client.InferAsync(MinerNetwork.ClosedPort(), MinerNetwork.Request(Topic.Prompt), CancellationToken.None);

        Failure(outcome, MinerFailureKind.ConnectionFailed);
    }

    [Fact]
    public async Task Cancelling_the_call_is_the_callers_exception_and_frees_the_slot()
    {
        using var client = MinerNetwork.Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.InferAsync(network.First<MinerBehaviour.Timeout>().BaseUrl, MinerNetwork.Request(Topic.Prompt), cancel.Token));

        Assert.Equal(0, client.InFlight);
    }
}
