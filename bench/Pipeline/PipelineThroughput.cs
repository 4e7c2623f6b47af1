using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Loosh.Bench.Evaluation;
using Loosh.Devnet;
using Loosh.GrainInterfaces;

namespace Loosh.Bench.Pipeline;

/// <summary>
/// Sustained challenge throughput of the whole pipeline (accept, select, call the miners over Fiber, collect, evaluate,
/// record, deliver the batch) in one in-process silo, a fixed number of challenges at a time. Each challenge's own
/// history gives where its time went: the evaluation (<see cref="ChallengeEvaluation.At"/> minus the Collected step,
/// which includes waiting for the shared embedder) against the whole, Received to Submitted. With
/// <c>--fake-embeddings</c> a trivial embedder replaces the ONNX model, which shows what the rest of the pipeline costs.
/// </summary>
internal static class PipelineThroughput
{
    private static readonly TimeSpan ChallengeLimit = TimeSpan.FromMinutes(5);

    /// <summary>How often a worker looks at its challenge; the timings come from the challenge's own timestamps, not from this.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(string[] args)
    {
        PipelineOptions options;
        try
        {
            options = PipelineOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        await using var host = await PipelineHost.StartAsync(options).ConfigureAwait(false);
        var prompts = MinerCorpus.Shared.Topics.Select(t => t.Prompt).ToArray();
        var runId = Guid.NewGuid().ToString("N")[..8];

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Challenges} challenges to {options.Miners} miners each, concurrency {options.Concurrency}, " +
            $"{(options.FakeEmbeddings ? "word-hash embeddings (no model)" : $"ONNX embeddings, {options.Threads} intra-op threads")}, " +
            $"{Environment.ProcessorCount} cores"));
        // Warm-up: the JIT, the model, the Fiber handshakes with every miner; not counted.
        await RunAsync(host, prompts, $"warm-{runId}", options.Concurrency, options.Concurrency).ConfigureAwait(false);

        Console.WriteLine($"load average before: {EvaluationThroughput.LoadAverage()}");
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var done = await RunAsync(host, prompts, $"run-{runId}", options.Challenges, options.Concurrency).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        var submitted = done.Where(s => s.Status == ChallengeStatus.Submitted).Select(Timing.Of).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            wall time             {elapsed.TotalSeconds:0.0} s
            submitted / failed    {submitted.Length} / {done.Length - submitted.Length}
            answers               {done.Average(s => s.Answers.Count):0.0} per challenge, {AverageWords(done):0} words each on average
            challenges/minute     {submitted.Length / elapsed.TotalMinutes:0.0}
            end to end p50 / p95  {Describe(submitted.Select(t => t.Total))}
              select, dispatch    {Describe(submitted.Select(t => t.Dispatch))}
              miners answer       {Describe(submitted.Select(t => t.Answers))}
              evaluation          {Describe(submitted.Select(t => t.Evaluation))}
              record, enqueue     {Describe(submitted.Select(t => t.Recording))}
              deliver the batch   {Describe(submitted.Select(t => t.Delivery))}
            evaluation share      {Share(submitted):P1} of the summed end-to-end time ({1 - Share(submitted):P1} outside evaluation)
            CPU per challenge     {cpu.TotalMilliseconds / Math.Max(1, done.Length):0} ms (process CPU {cpu.TotalSeconds:0.0} s over {elapsed.TotalSeconds:0.0} s wall)
            batches received      {host.Api.Received.Batches.Count(b => b.ChallengeId.StartsWith("run-", StringComparison.Ordinal))}
            """));
        Console.WriteLine($"load average after:  {EvaluationThroughput.LoadAverage()}");
        return submitted.Length == done.Length ? 0 : 1;
    }

    /// <summary>Pushes <paramref name="count"/> challenges into their grains, at most <paramref name="concurrency"/> unfinished at once; returns each one's final state.</summary>
    private static async Task<ChallengeSnapshot[]> RunAsync(PipelineHost host, string[] prompts, string prefix, int count, int concurrency)
    {
        var done = new ChallengeSnapshot[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, ct) =>
            {
                var id = $"{prefix}-{i}";
                var grain = host.Grains.GetGrain<IChallengeGrain>(id);
                await grain.AcceptAsync(Request(id, prompts[i % prompts.Length])).ConfigureAwait(false);
                var deadline = DateTime.UtcNow + ChallengeLimit;
                while ((done[i] = (await grain.GetAsync().ConfigureAwait(false))!) is not { } snapshot || !ChallengeStateMachine.IsFinal(snapshot.Status))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException($"Challenge {id} did not finish within {ChallengeLimit}.");
                    }
                    await Task.Delay(PollInterval, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        return done;
    }

    /// <summary>A pushed challenge for one of the prompts the devnet miners know.</summary>
    private static ChallengeRequest Request(string id, string prompt)
    {
        var createdAt = DateTimeOffset.UtcNow;
        var json = JsonSerializer.Serialize(new { id, prompt, temperature = 0.7, max_tokens = 512, created_at = createdAt.ToString("s", CultureInfo.InvariantCulture) });
        return new ChallengeRequest(id, $"corr-{id}", ChallengeSource.Push, prompt, [], null, 0.7, null, 512, createdAt, json);
    }

    private static double AverageWords(ChallengeSnapshot[] done) =>
        done.SelectMany(s => s.Answers).Where(a => a.Text is not null).DefaultIfEmpty()
            .Average(a => a?.Text!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0);

    private static double Share(Timing[] timings) =>
        timings.Sum(t => t.Evaluation.TotalMilliseconds) / Math.Max(1, timings.Sum(t => t.Total.TotalMilliseconds));

    private static string Describe(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Select(d => d.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0
            ? "-"
            : string.Create(CultureInfo.InvariantCulture,
                $"{EvaluationThroughput.Percentile(sorted, 50):0} ms / {EvaluationThroughput.Percentile(sorted, 95):0} ms");
    }

    /// <summary>Where one submitted challenge's time went, from the timestamps it keeps.</summary>
    private sealed record Timing(TimeSpan Dispatch, TimeSpan Answers, TimeSpan Evaluation, TimeSpan Recording, TimeSpan Delivery)
    {
        public TimeSpan Total => Dispatch + Answers + Evaluation + Recording + Delivery;

        public static Timing Of(ChallengeSnapshot snapshot)
        {
            DateTimeOffset At(ChallengeStatus status) => snapshot.History.Single(h => h.Status == status).At;
            var evaluated = snapshot.Evaluation!.At;
            return new Timing(
                At(ChallengeStatus.Dispatched) - snapshot.ReceivedAt,
                At(ChallengeStatus.Collected) - At(ChallengeStatus.Dispatched),
                evaluated - At(ChallengeStatus.Collected),
                At(ChallengeStatus.Evaluated) - evaluated,
                At(ChallengeStatus.Submitted) - At(ChallengeStatus.Evaluated));
        }
    }
}

/// <summary>Options of the <c>pipeline</c> command.</summary>
internal sealed record PipelineOptions(string Database, int Challenges, int Concurrency, int Miners, int Threads, bool FakeEmbeddings)
{
    public static PipelineOptions Parse(string[] args)
    {
        var database = Environment.GetEnvironmentVariable("LOOSH_TEST_POSTGRES");
        int challenges = 60, concurrency = 8, miners = 7, threads = 2;
        var fake = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--fake-embeddings")
            {
                fake = true;
                continue;
            }
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i - 1])
            {
                case "--database": database = value; break;
                case "--challenges": challenges = EvaluationThroughputOptions.Number(args[i - 1], value, 1, 100_000); break;
                case "--concurrency": concurrency = EvaluationThroughputOptions.Number(args[i - 1], value, 1, 256); break;
                case "--miners": miners = EvaluationThroughputOptions.Number(args[i - 1], value, 1, 64); break;
                case "--threads": threads = EvaluationThroughputOptions.Number(args[i - 1], value, 0, 64); break;
                default:
                    throw new ArgumentException(
                        $"Unknown option {args[i - 1]}; use --database CONNECTION --challenges N --concurrency N --miners N --threads N [--fake-embeddings]");
            }
        }
        return string.IsNullOrWhiteSpace(database)
            ? throw new ArgumentException(
                $"--database needs a connection string to a Postgres server's maintenance database (or set LOOSH_TEST_POSTGRES), " +
                "e.g. Host=127.0.0.1;Port=55433;Username=postgres;Database=postgres; a throwaway database is made there and dropped")
            : new PipelineOptions(database, challenges, concurrency, miners, threads, fake);
    }
}
