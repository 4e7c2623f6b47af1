using System.Buffers.Binary;
using Loosh.Chain.Metadata;
using Loosh.Chain.Metagraph;
using Loosh.Chain.Rpc;

namespace Loosh.Chain.Subtensor;

/// <summary>The subnet parameters that decide whether and how weights can be set (chain.md §2.4).</summary>
public sealed record WeightSettingParameters(
    ushort Netuid,
    ulong WeightsRateLimit,
    ulong WeightsVersionKey,
    ushort MinAllowedWeights,
    ushort MaxWeightsLimit,
    bool CommitRevealEnabled,
    ushort Tempo,
    ulong RevealPeriodEpochs,
    ushort NeuronCount);

/// <summary>Where a hotkey stands on a subnet at a block.</summary>
public sealed record HotkeyStanding(ushort Uid, bool ValidatorPermit, ulong LastUpdate, ulong CurrentBlock)
{
    /// <summary>Blocks since the hotkey last set weights; the current block when it never did (LastUpdate 0).</summary>
    public ulong BlocksSinceLastUpdate => CurrentBlock - Math.Min(LastUpdate, CurrentBlock);
}

/// <summary>
/// Reads what the validator needs from subtensor, decoded through the node's own metadata. Metadata is fetched as
/// V15 (falling back to V14 on runtimes without the versioned API) and fetched again when the runtime's spec
/// version changes, so a runtime upgrade never leaves the reader decoding with stale types.
/// </summary>
public sealed class SubtensorReader(SubtensorNode node) : IDisposable
{
    private const string Module = "SubtensorModule";
    private readonly SemaphoreSlim _metadataLock = new(1, 1);
    private (uint SpecVersion, RuntimeMetadata Metadata)? _metadata;

    public SubtensorNode Node { get; } = node;

    /// <summary>The metadata of the runtime now on chain.</summary>
    public async Task<RuntimeMetadata> MetadataAsync(CancellationToken cancellationToken = default)
    {
        var version = await Node.GetRuntimeVersionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (_metadata is { } cached && cached.SpecVersion == version.SpecVersion)
        {
            return cached.Metadata;
        }
        await _metadataLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_metadata is { } raced && raced.SpecVersion == version.SpecVersion)
            {
                return raced.Metadata;
            }
            var metadata = RuntimeMetadata.ParseVersioned(await Node.GetMetadataAtVersionAsync(15, cancellationToken: cancellationToken).ConfigureAwait(false))
                ?? RuntimeMetadata.ParseVersioned(await Node.GetMetadataAtVersionAsync(14, cancellationToken: cancellationToken).ConfigureAwait(false))
                ?? throw new InvalidOperationException($"The node at {Node.Rpc.Endpoint} offers neither V15 nor V14 metadata.");
            _metadata = (version.SpecVersion, metadata);
            return metadata;
        }
        finally
        {
            _metadataLock.Release();
        }
    }

    /// <summary>The subnet's neurons (the metagraph) at <paramref name="at"/> or the best block.</summary>
    public async Task<NeuronLite[]> GetNeuronsAsync(ushort netuid, byte[]? at = null, CancellationToken cancellationToken = default)
    {
        var metadata = await MetadataAsync(cancellationToken).ConfigureAwait(false);
        // V14 metadata describes no runtime APIs; every runtime new enough to lack V15 already returns the plain vector.
        var encoding = metadata.RuntimeApis.Count > 0 ? NeuronLiteDecoder.EncodingOf(metadata) : NeuronsLiteEncoding.Vector;
        var result = await Node.StateCallAsync("NeuronInfoRuntimeApi_get_neurons_lite", U16(netuid), at, cancellationToken).ConfigureAwait(false);
        return NeuronLiteDecoder.Decode(result, encoding);
    }

    /// <summary>The hotkey's UID on the subnet, or null when it is not registered there.</summary>
    public async Task<ushort?> GetUidAsync(ushort netuid, ReadOnlyMemory<byte> hotkey, byte[]? at = null, CancellationToken cancellationToken = default)
    {
        var metadata = await MetadataAsync(cancellationToken).ConfigureAwait(false);
        var value = await ReadAsync(metadata, "Uids", at, cancellationToken, U16(netuid), hotkey.ToArray()).ConfigureAwait(false);
        return value is null ? null : (ushort)Unsigned(value);
    }

    /// <summary>UID, permit and last weight update of a registered hotkey; null when it is not registered.</summary>
    public async Task<HotkeyStanding?> GetStandingAsync(ushort netuid, ReadOnlyMemory<byte> hotkey, CancellationToken cancellationToken = default)
    {
        var best = await Node.GetBestBlockAsync(cancellationToken).ConfigureAwait(false);
        if (await GetUidAsync(netuid, hotkey, best.Hash, cancellationToken).ConfigureAwait(false) is not { } uid)
        {
            return null;
        }
        var metadata = await MetadataAsync(cancellationToken).ConfigureAwait(false);
        var permits = await ReadAsync(metadata, "ValidatorPermit", best.Hash, cancellationToken, U16(netuid)).ConfigureAwait(false);
        var updates = await ReadAsync(metadata, "LastUpdate", best.Hash, cancellationToken, U16(netuid)).ConfigureAwait(false);
        return new HotkeyStanding(
            uid,
            At(permits, uid) is BoolValue { Value: true },
            At(updates, uid) is { } update ? (ulong)Unsigned(update) : 0,
            best.Number);
    }

    public async Task<WeightSettingParameters> GetWeightSettingParametersAsync(ushort netuid, CancellationToken cancellationToken = default)
    {
        var metadata = await MetadataAsync(cancellationToken).ConfigureAwait(false);
        var at = (await Node.GetBestBlockAsync(cancellationToken).ConfigureAwait(false)).Hash;
        var key = U16(netuid);
        async Task<UInt128> Number(string item) => Unsigned((await ReadAsync(metadata, item, at, cancellationToken, key).ConfigureAwait(false))!);
        return new WeightSettingParameters(
            netuid,
            (ulong)await Number("WeightsSetRateLimit").ConfigureAwait(false),
            (ulong)await Number("WeightsVersionKey").ConfigureAwait(false),
            (ushort)await Number("MinAllowedWeights").ConfigureAwait(false),
            (ushort)await Number("MaxWeightsLimit").ConfigureAwait(false),
            await ReadAsync(metadata, "CommitRevealWeightsEnabled", at, cancellationToken, key).ConfigureAwait(false) is BoolValue { Value: true },
            (ushort)await Number("Tempo").ConfigureAwait(false),
            (ulong)await Number("RevealPeriodEpochs").ConfigureAwait(false),
            (ushort)await Number("SubnetworkN").ConfigureAwait(false));
    }

    /// <summary>
    /// A SubtensorModule storage value decoded with its metadata type; an absent value of a "default" item decodes
    /// the metadata's default (so CommitRevealWeightsEnabled reads true when never set). Null for an absent optional item.
    /// Callers fetch the metadata once per operation (one runtime-version round trip) and pass it in.
    /// </summary>
    private async Task<ScaleValue?> ReadAsync(RuntimeMetadata metadata, string item, byte[]? at, CancellationToken cancellationToken, params byte[][] keys)
    {
        var entry = metadata.StorageEntry(Module, item);
        var stored = await Node.GetStorageAsync(metadata.StorageKey(Module, item, keys), at, cancellationToken).ConfigureAwait(false);
        return entry.ValueOrDefault(stored) is { } bytes ? metadata.Types.DecodeAll(entry.ValueType, bytes) : null;
    }

    public void Dispose() => _metadataLock.Dispose();

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static ScaleValue? At(ScaleValue? sequence, int index) =>
        sequence is SequenceValue { Items: var items } && index < items.Count ? items[index] : null;

    /// <summary>A number, looking through the single-field wrappers runtimes use for ids (e.g. NetUid(u16)).</summary>
    private static UInt128 Unsigned(ScaleValue value) => value switch
    {
        UnsignedValue number => number.Value,
        CompositeValue { Fields: [var only] } => Unsigned(only.Value),
        _ => throw new InvalidOperationException($"Expected a number in subtensor storage, found {value}."),
    };
}
