using System.Diagnostics;
using System.Globalization;
using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Scoring;

namespace Loosh.Bench.Evaluation;

/// <summary>
/// Sustained evaluation throughput, for the requirement "a 2-core machine without a GPU sustains at least 60 full
/// evaluations a minute of 7 answers of about 300 tokens": distinct challenges (<see cref="SyntheticChallenge"/>)
/// through one shared <see cref="ChallengeEvaluator"/> and embedder, a fixed number at a time, as a validator's
/// concurrent challenges would arrive. Prints evaluations per minute, latency percentiles, process CPU time per
/// evaluation (it includes ONNX Runtime's spin-waiting, so it grows when cores are oversubscribed), memory, and the load
/// average before and after, since on a shared machine other processes change every timing.
/// </summary>
internal static class EvaluationThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        EvaluationThroughputOptions options;
        try
        {
            options = EvaluationThroughputOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        await using var embedder = OnnxTextEmbedder.Create(new EmbedderOptions { IntraOpNumThreads = options.Threads });
        var evaluator = new ChallengeEvaluator(embedder, options.Profile);
        var tokenizer = SentenceTokenizer.Load(EmbeddingModelFiles.Locate(null).VocabularyPath, int.MaxValue);
        // Challenge numbers from 1 on are measured; 0 warms up the model and the JIT and is not counted.
        var tokens = SyntheticChallenge.Create(1).Answers.Average(a => tokenizer.Encode(a.Text!).Length);
        await evaluator.EvaluateAsync(SyntheticChallenge.Create(0)).ConfigureAwait(false);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Challenges} challenges of {SyntheticChallenge.AnswersPerChallenge} answers (~{tokens:0} word pieces each, cut to 256), " +
            $"concurrency {options.Concurrency}, {options.Threads} intra-op threads, profile {options.Profile.Name}, {Environment.ProcessorCount} cores"));
        Console.WriteLine($"load average before: {LoadAverage()}");

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var latencies = new double[options.Challenges];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Challenges),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (i, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                await evaluator.EvaluateAsync(SyntheticChallenge.Create(i + 1), ct).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        Array.Sort(latencies);
        const double MiB = 1024 * 1024;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            wall time            {elapsed.TotalSeconds:0.00} s
            evaluations/minute   {options.Challenges / elapsed.TotalMinutes:0.0}
            latency p50 / p95    {Percentile(latencies, 50):0} ms / {Percentile(latencies, 95):0} ms (max {latencies[^1]:0} ms)
            CPU per evaluation   {cpu.TotalMilliseconds / options.Challenges:0} ms (process CPU {cpu.TotalSeconds:0.0} s over {elapsed.TotalSeconds:0.0} s wall)
            allocated per eval   {(GC.GetTotalAllocatedBytes() - allocatedBefore) / MiB / options.Challenges:0.0} MiB
            peak working set     {process.PeakWorkingSet64 / MiB:0} MiB
            managed heap now     {GC.GetTotalMemory(forceFullCollection: false) / MiB:0} MiB (GC heap size {GC.GetGCMemoryInfo().HeapSizeBytes / MiB:0} MiB)
            """));
        Console.WriteLine($"load average after:  {LoadAverage()}");
        return 0;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "unknown".</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

/// <summary>Options of the <c>evaluations</c> command.</summary>
internal sealed record EvaluationThroughputOptions(int Challenges, int Concurrency, int Threads, ScoringProfile Profile)
{
    public static EvaluationThroughputOptions Parse(string[] args)
    {
        int challenges = 60, concurrency = 4, threads = 2;
        var profile = ScoringProfile.Reference;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--challenges": challenges = Number(args[i], value, 1, 100_000); break;
                case "--concurrency": concurrency = Number(args[i], value, 1, 256); break;
                case "--threads": threads = Number(args[i], value, 0, 64); break;
                case "--profile": profile = ScoringProfile.Parse(value); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; use --challenges N --concurrency N --threads N --profile NAME");
            }
        }
        return new EvaluationThroughputOptions(challenges, concurrency, threads, profile);
    }

    internal static int Number(string option, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{option} needs a whole number from {min} to {max}, not '{value}'");
}
