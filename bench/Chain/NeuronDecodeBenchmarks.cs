using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Loosh.Chain.Metagraph;

namespace Loosh.Bench.Chain;

/// <summary>
/// Decoding the recorded mainnet metagraph of netuid 1 (1024 neurons, 186 KB, from ../shared/fixtures/chain) against
/// turning the same response's hex text into bytes, the step every read does first, as the baseline.
/// </summary>
[MemoryDiagnoser]
public class NeuronDecodeBenchmarks
{
    private string _hex = "";
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        var fixture = Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", "chain", "recorded_rpc.json");
        if (!File.Exists(fixture))
        {
            throw new FileNotFoundException($"The benchmark needs the shared fixture {fixture}.");
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(fixture));
        foreach (var call in document.RootElement.GetProperty("metagraph").GetProperty("state_call").EnumerateObject())
        {
            if (call.Name.Contains("NeuronInfoRuntimeApi_get_neurons_lite", StringComparison.Ordinal))
            {
                _hex = call.Value.GetProperty("result").GetString()!;
            }
        }
        _bytes = Convert.FromHexString(_hex.AsSpan(2));
    }

    [Benchmark(Baseline = true)]
    public byte[] HexToBytes() => Convert.FromHexString(_hex.AsSpan(2));

    [Benchmark]
    public NeuronLite[] Decode1024Neurons() => NeuronLiteDecoder.Decode(_bytes, NeuronsLiteEncoding.Vector);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Loosh.Orleans.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
