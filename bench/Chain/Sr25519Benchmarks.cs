using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Loosh.Chain.Crypto;
using Loosh.Chain.Hashing;

namespace Loosh.Bench.Chain;

/// <summary>
/// sr25519 signing and verification of a set_weights-sized signing payload (104 bytes), against hashing the same
/// payload with BLAKE2b-256 (what a payload over 256 bytes costs on top) as the baseline.
/// </summary>
[MemoryDiagnoser]
public class Sr25519Benchmarks
{
    private readonly byte[] _payload = RandomNumberGenerator.GetBytes(104);
    private Sr25519KeyPair _keys = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _keys = Sr25519KeyPair.FromMiniSecret(RandomNumberGenerator.GetBytes(32));
        _signature = _keys.Sign(_payload);
    }

    [GlobalCleanup]
    public void Cleanup() => _keys.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] Blake2b256() => SubstrateHash.Blake2b256(_payload);

    [Benchmark]
    public byte[] Sign() => _keys.Sign(_payload);

    [Benchmark]
    public bool Verify() => Sr25519.Verify(_keys.PublicKey.Span, _payload, _signature);
}
