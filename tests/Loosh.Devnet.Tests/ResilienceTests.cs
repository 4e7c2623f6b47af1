using System.Collections.Concurrent;
using System.Diagnostics;
using Loosh.Protocols.Miners;

namespace Loosh.Devnet.Tests;

/// <summary>The per-miner breaker and the global concurrency bound of <see cref="MinerClient"/>, against devnet miners.</summary>
public sealed class ResilienceTests(MinerNetwork network) : IClassFixture<MinerNetwork>
{
    private static readonly MinerRequest Request = MinerNetwork.Request("Why do we need sleep?");

    [Fact]
    public async Task The_breaker_opens_after_consecutive_failures_rejects_fast_and_spares_other_miners()
    {
        var options = MinerNetwork.Options() with { BreakerFailureThreshold = 3, BreakerBreakDuration = TimeSpan.FromMilliseconds(600) };
        using var client = MinerNetwork.Client(options);
        var failing = network.First<MinerBehaviour.HttpError>();
        var callsBefore = failing.InferenceCount;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(MinerFailureKind.HttpStatus, Assert.IsType<MinerOutcome.Failed>(
                await client.InferAsync(failing.BaseUrl, Request, CancellationToken.None)).Kind);
        }
        var rejected = Assert.IsType<MinerOutcome.Failed>(await client.InferAsync(failing.BaseUrl, Request, CancellationToken.None));

        Assert.Equal(MinerFailureKind.BreakerOpen, rejected.Kind);
        Assert.NotNull(rejected.RetryAfter);
        // Rejected without reaching the miner: the fourth call never arrived.
        Assert.Equal(callsBefore + 3, failing.InferenceCount);
        Assert.IsType<MinerOutcome.Answered>(await client.InferAsync(network.Miner(0).BaseUrl, Request, CancellationToken.None));
    }

    [Fact]
    public async Task After_the_break_one_trial_call_reaches_the_miner_again()
    {
        var options = MinerNetwork.Options() with { BreakerFailureThreshold = 2, BreakerBreakDuration = TimeSpan.FromMilliseconds(500) };
        using var client = MinerNetwork.Client(options);
        var failing = network.First<MinerBehaviour.MalformedJson>();
        await client.InferAsync(failing.BaseUrl, Request, CancellationToken.None);
        await client.InferAsync(failing.BaseUrl, Request, CancellationToken.None);
        var callsWhenOpen = failing.InferenceCount;

        await Task.Delay(TimeSpan.FromMilliseconds(700));
        var trial = Assert.IsType<MinerOutcome.Failed>(await client.InferAsync(failing.BaseUrl, Request, CancellationToken.None));
        var again = Assert.IsType<MinerOutcome.Failed>(await client.InferAsync(failing.BaseUrl, Request, CancellationToken.None));

        Assert.Equal(MinerFailureKind.MalformedJson, trial.Kind);
        Assert.Equal(MinerFailureKind.BreakerOpen, again.Kind);
        Assert.Equal(callsWhenOpen + 1, failing.InferenceCount);
    }

    [Fact]
    public async Task Timeouts_count_toward_the_breaker()
    {
        var options = MinerNetwork.Options() with { BreakerFailureThreshold = 2, RequestTimeout = TimeSpan.FromMilliseconds(100) };
        using var client = MinerNetwork.Client(options);
        var silent = network.First<MinerBehaviour.Timeout>();

        Assert.IsType<MinerOutcome.TimedOut>(await client.InferAsync(silent.BaseUrl, Request, CancellationToken.None));
        Assert.IsType<MinerOutcome.TimedOut>(await client.InferAsync(silent.BaseUrl, Request, CancellationToken.None));

        Assert.Equal(MinerFailureKind.BreakerOpen,
            Assert.IsType<MinerOutcome.Failed>(await client.InferAsync(silent.BaseUrl, Request, CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task The_concurrency_limit_bounds_calls_in_flight()
    {
        using var client = MinerNetwork.Client(MinerNetwork.Options() with { MaxConcurrentRequests = 2 });
        var slow = network.First<MinerBehaviour.Slow>();
        var observed = new ConcurrentBag<int>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                observed.Add(client.InFlight);
                await Task.Delay(5);
            }
        });
        var clock = Stopwatch.StartNew();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.InferAsync(slow.BaseUrl, Request, CancellationToken.None)));
        var total = clock.Elapsed;
        await stop.CancelAsync();
        await sampler;

        Assert.All(outcomes, o => Assert.IsType<MinerOutcome.Answered>(o));
        Assert.Equal(2, observed.Max());
        Assert.True(total >= TimeSpan.FromMilliseconds(850), $"six 300 ms calls two at a time took only {total}");
    }
}
