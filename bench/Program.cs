using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Loosh.Bench.Evaluation;
using Loosh.Bench.Load;
using Loosh.Bench.Pipeline;

// dotnet run -c Release --project bench -- load [--url http://127.0.0.1:8000] [--requests 2000] [--concurrency 16]
// dotnet run -c Release --project bench -- evaluations [--challenges 60] [--concurrency 4] [--threads 2] [--profile reference]
// dotnet run -c Release --project bench -- pipeline --database CONNECTION [--challenges 60] [--concurrency 8] [--miners 7] [--threads 2] [--fake-embeddings]
// dotnet run -c Release --project bench -- [BenchmarkDotNet arguments, e.g. --filter *Sr25519*]
if (args.Length > 0 && args[0] == "load")
{
    return await LoadDriver.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "evaluations")
{
    return await EvaluationThroughput.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "pipeline")
{
    return await PipelineThroughput.RunAsync(args[1..]);
}
// In-process: the repository's central package management and build settings would break the separate project
// BenchmarkDotNet otherwise generates, and ratios against a baseline need no process isolation.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args, config);
return 0;
