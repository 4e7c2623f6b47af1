using BenchmarkDotNet.Running;
using Loosh.Bench.Load;

// dotnet run -c Release --project bench -- load [--url http://127.0.0.1:8000] [--requests 2000] [--concurrency 16]
// dotnet run -c Release --project bench -- [BenchmarkDotNet arguments, e.g. --filter *Sr25519*]
if (args.Length > 0 && args[0] == "load")
{
    return await LoadDriver.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
