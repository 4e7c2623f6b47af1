namespace Loosh.Chain.Extrinsics;

/// <summary>
/// Everything a signature commits to besides the call (chain.md §2.6). The node checks each part: the runtime and
/// transaction versions and the genesis hash against its own, the era against its recent block hashes, the nonce
/// against the account. Read them fresh for every transaction; <see cref="ExtrinsicSubmitter"/> does.
/// </summary>
public sealed record TransactionParameters
{
    public required uint SpecVersion { get; init; }

    public required uint TransactionVersion { get; init; }

    /// <summary>The hash of block 0 (32 bytes).</summary>
    public required byte[] GenesisHash { get; init; }

    public required uint Nonce { get; init; }

    /// <summary>The validity window, or null for an immortal transaction (not recommended: it can be replayed after its account is reaped).</summary>
    public MortalEra? Era { get; init; }

    /// <summary>The hash of the era's birth block (32 bytes); required when <see cref="Era"/> is set.</summary>
    public byte[]? BirthHash { get; init; }

    /// <summary>An optional tip in RAO, raising the transaction's priority.</summary>
    public ulong Tip { get; init; }
}
