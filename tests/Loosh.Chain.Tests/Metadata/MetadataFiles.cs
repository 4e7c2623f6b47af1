using System.Collections.Concurrent;
using Loosh.Chain.Metadata;

namespace Loosh.Chain.Tests.Metadata;

/// <summary>The metadata fixtures (chain.md §5.1), parsed once per test run.</summary>
public static class MetadataFiles
{
    /// <summary>Mainnet spec 343, V14 (state_getMetadata).</summary>
    public const string V14 = "meta_v14.scale";

    /// <summary>Mainnet spec 343, V15 (Metadata_metadata_at_version(15) without its Option wrapper).</summary>
    public const string V15 = "meta_v15.scale";

    /// <summary>Devnet spec 346, V16.</summary>
    public const string Devnet2025 = "subtensor-devnet-2025-11.scale";

    /// <summary>Devnet spec 381, V16.</summary>
    public const string Devnet2026 = "subtensor-devnet-2026-06.scale";

    private static readonly ConcurrentDictionary<string, RuntimeMetadata> Parsed = new();

    public static RuntimeMetadata Load(string file) => Parsed.GetOrAdd(file, name => RuntimeMetadata.Parse(ChainFixtures.Bytes(name)));
}
