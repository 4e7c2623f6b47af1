using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Loosh.Bench.Load;

/// <summary>
/// Drives a running validator's HTTP API (started with ./deploy/local/run.sh) and reports throughput and latency of
/// each route against a baseline route in the same run. Every phase is bounded in count and time, and only
/// loopback targets are accepted.
/// </summary>
internal static class LoadDriver
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        if (!IPAddress.TryParse(options.Url.Host, out var address) ? options.Url.Host != "localhost" : !IPAddress.IsLoopback(address))
        {
            Console.Error.WriteLine($"Refusing to load {options.Url}: only loopback targets are allowed.");
            return 2;
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var challengeNumber = 0; // shared by warm-up and measured runs, so every posted challenge is new

        var phases = new (string Name, Func<int, HttpRequestMessage> Request)[]
        {
    ("baseline GET /alive (no grain, no database)", _ => new HttpRequestMessage(HttpMethod.Get, "/alive")),
    ("GET /availability/health (2 grain calls, 1 ledger query)", _ => new HttpRequestMessage(HttpMethod.Get, "/availability/health")),
    ("POST /challenges (grain state + ledger row, durable)", _ =>
    {
        var n = Interlocked.Increment(ref challengeNumber);
        return new HttpRequestMessage(HttpMethod.Post, "/challenges")
        {
            Content = new StringContent(
                $$"""{"id": "bench-{{runId}}-{{n}}", "messages": [{"role": "user", "content": "What is {{n}} + 2?"}], "max_tokens": 64}""",
                Encoding.UTF8, "application/json"),
        };
    }),
        };

        Console.WriteLine($"target {options.Url}, {options.Requests} requests per phase, concurrency {options.Concurrency}");
        PhaseResult? baseline = null;
        foreach (var (name, request) in phases)
        {
            await LoadPhase.RunAsync(http, request, Math.Min(100, options.Requests), options.Concurrency, "warm-up-" + name); // warm-up
            var result = await LoadPhase.RunAsync(http, request, options.Requests, options.Concurrency, name);
            baseline ??= result;
            Console.WriteLine(result.Describe(baseline));
            if (result.Failures > 0)
            {
                Console.WriteLine($"  {result.Failures} requests failed (first status: {result.FirstFailure})");
            }
        }
        return 0;
    }
}

internal sealed record LoadOptions(Uri Url, int Requests, int Concurrency)
{
    public static LoadOptions Parse(string[] args)
    {
        var url = new Uri("http://127.0.0.1:8000");
        int requests = 2000, concurrency = 16;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--url": url = new Uri(args[i + 1]); break;
                case "--requests": requests = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 1, 100_000); break;
                case "--concurrency": concurrency = Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), 1, 256); break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }
        return new LoadOptions(url, requests, concurrency);
    }
}

internal sealed record PhaseResult(string Name, int Requests, int Failures, string? FirstFailure, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public double Percentile(double p) => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[(int)Math.Min(LatenciesMs.Length - 1, Math.Floor(p * LatenciesMs.Length))];

    public string Describe(PhaseResult baseline) => string.Create(CultureInfo.InvariantCulture,
        $"{Name}\n  {PerSecond,8:F0} req/s ({PerSecond / baseline.PerSecond:P0} of baseline)  p50 {Percentile(0.50):F2} ms  p95 {Percentile(0.95):F2} ms  p99 {Percentile(0.99):F2} ms");
}

internal static class LoadPhase
{
    /// <summary>Sends <paramref name="count"/> requests with at most <paramref name="concurrency"/> in flight; stops after 5 minutes whatever happens.</summary>
    public static async Task<PhaseResult> RunAsync(HttpClient http, Func<int, HttpRequestMessage> makeRequest, int count, int concurrency, string name)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var latencies = new double[count];
        var failures = 0;
        string? firstFailure = null;
        var next = -1;
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !deadline.IsCancellationRequested)
            {
                using var request = makeRequest(i);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, deadline.Token);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstFailure, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), null);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, e.GetType().Name, null);
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers);
        total.Stop();
        var done = Math.Min(count, next);
        var sorted = latencies[..done];
        Array.Sort(sorted);
        return new PhaseResult(name, done, failures, firstFailure, total.Elapsed, sorted);
    }
}
