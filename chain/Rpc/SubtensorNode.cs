using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace Loosh.Chain.Rpc;

/// <summary>What a signature and the metadata cache need to know of the runtime.</summary>
public sealed record RuntimeVersion(string SpecName, uint SpecVersion, uint TransactionVersion);

/// <summary>A block header's number and hash.</summary>
public sealed record BlockRef(ulong Number, byte[] Hash);

/// <summary>How a submitted extrinsic ended: in a block (and maybe finalised), or refused by the pool.</summary>
public sealed record SubmissionOutcome(byte[] ExtrinsicHash, byte[]? InBlock, byte[]? Finalized, string? Rejection);

/// <summary>
/// The subtensor node methods the validator uses, typed: bytes in, bytes out. Decoding SCALE is the caller's
/// (metadata-driven) job; this layer only speaks JSON-RPC.
/// </summary>
public sealed class SubtensorNode(SubstrateRpcClient rpc)
{
    public SubstrateRpcClient Rpc { get; } = rpc;

    public async Task<RuntimeVersion> GetRuntimeVersionAsync(byte[]? at = null, CancellationToken cancellationToken = default)
    {
        var version = await Rpc.RequestAsync("state_getRuntimeVersion", At(at), cancellationToken).ConfigureAwait(false);
        return new RuntimeVersion(
            version.GetProperty("specName").GetString() ?? "",
            version.GetProperty("specVersion").GetUInt32(),
            version.GetProperty("transactionVersion").GetUInt32());
    }

    /// <summary>The hash of block <paramref name="number"/> (0 = genesis), or of the best block when null.</summary>
    public async Task<byte[]> GetBlockHashAsync(ulong? number = null, CancellationToken cancellationToken = default)
    {
        var hash = await Rpc.RequestAsync("chain_getBlockHash", number is { } n ? [n] : [], cancellationToken).ConfigureAwait(false);
        return hash.ValueKind == JsonValueKind.String
            ? Hex.Decode(hash.GetString()!)
            : throw new RpcConnectionException($"The node has no block {number}.");
    }

    /// <summary>The best block (number and hash).</summary>
    public async Task<BlockRef> GetBestBlockAsync(CancellationToken cancellationToken = default)
    {
        var header = await Rpc.RequestAsync("chain_getHeader", [], cancellationToken).ConfigureAwait(false);
        var number = ulong.Parse(header.GetProperty("number").GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new BlockRef(number, await GetBlockHashAsync(number, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The SCALE-encoded extrinsics of a block, in order: an extrinsic's position is the <c>ApplyExtrinsic</c> phase of
    /// its events in System.Events.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> GetBlockExtrinsicsAsync(byte[] blockHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockHash);
        var block = await Rpc.RequestAsync("chain_getBlock", [Hex.Encode(blockHash)], cancellationToken).ConfigureAwait(false);
        return block.ValueKind == JsonValueKind.Object
            ? [.. block.GetProperty("block").GetProperty("extrinsics").EnumerateArray().Select(extrinsic => Hex.Decode(extrinsic.GetString()!))]
            : throw new RpcConnectionException($"The node has no block {Hex.Encode(blockHash)}.");
    }

    /// <summary>Calls runtime API <paramref name="method"/> (Trait_method) with SCALE-encoded <paramref name="arguments"/>.</summary>
    public async Task<byte[]> StateCallAsync(string method, ReadOnlyMemory<byte> arguments, byte[]? at = null, CancellationToken cancellationToken = default)
    {
        object?[] parameters = at is null ? [method, Hex.Encode(arguments.Span)] : [method, Hex.Encode(arguments.Span), Hex.Encode(at)];
        var result = await Rpc.RequestAsync("state_call", parameters, cancellationToken).ConfigureAwait(false);
        return Hex.Decode(result.GetString()!);
    }

    /// <summary>The metadata blob at <paramref name="version"/> (15 recommended), as returned by Metadata_metadata_at_version: an Option&lt;OpaqueMetadata&gt;.</summary>
    public Task<byte[]> GetMetadataAtVersionAsync(uint version, byte[]? at = null, CancellationToken cancellationToken = default)
    {
        var argument = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(argument, version);
        return StateCallAsync("Metadata_metadata_at_version", argument, at, cancellationToken);
    }

    /// <summary>The raw value under a storage key, or null when the key is absent.</summary>
    public async Task<byte[]?> GetStorageAsync(ReadOnlyMemory<byte> key, byte[]? at = null, CancellationToken cancellationToken = default)
    {
        object?[] parameters = at is null ? [Hex.Encode(key.Span)] : [Hex.Encode(key.Span), Hex.Encode(at)];
        var value = await Rpc.RequestAsync("state_getStorage", parameters, cancellationToken).ConfigureAwait(false);
        return value.ValueKind == JsonValueKind.String ? Hex.Decode(value.GetString()!) : null;
    }

    /// <summary>The next nonce of an account, counting transactions already in the pool.</summary>
    public async Task<uint> GetAccountNextIndexAsync(string ss58Address, CancellationToken cancellationToken = default)
    {
        var nonce = await Rpc.RequestAsync("system_accountNextIndex", [ss58Address], cancellationToken).ConfigureAwait(false);
        return nonce.GetUInt32();
    }

    /// <summary>
    /// Submits a signed extrinsic and follows it until it is in a block (and finalised when
    /// <paramref name="waitForFinalization"/>), or until the pool refuses or drops it.
    /// </summary>
    /// <exception cref="RpcErrorException">The pool refused the extrinsic outright (e.g. 1010 with badProof).</exception>
    public async Task<SubmissionOutcome> SubmitAndWatchAsync(byte[] extrinsic, bool waitForFinalization, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extrinsic);
        var hash = Hashing.SubstrateHash.Blake2b256(extrinsic);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await using var watch = await Rpc.SubscribeAsync("author_submitAndWatchExtrinsic", [Hex.Encode(extrinsic)], "author_unwatchExtrinsic", deadline.Token)
            .ConfigureAwait(false);
        byte[]? inBlock = null;
        try
        {
            await foreach (var status in watch.Notifications.ReadAllAsync(deadline.Token).ConfigureAwait(false))
            {
                if (status.ValueKind == JsonValueKind.Object)
                {
                    if (status.TryGetProperty("inBlock", out var block))
                    {
                        inBlock = Hex.Decode(block.GetString()!);
                        if (!waitForFinalization)
                        {
                            return new SubmissionOutcome(hash, inBlock, null, null);
                        }
                    }
                    else if (status.TryGetProperty("finalized", out var finalized))
                    {
                        return new SubmissionOutcome(hash, inBlock, Hex.Decode(finalized.GetString()!), null);
                    }
                    else if (status.EnumerateObject().FirstOrDefault() is { Name: "dropped" or "invalid" or "usurped" or "finalityTimeout" } ended)
                    {
                        return new SubmissionOutcome(hash, inBlock, null, ended.Name);
                    }
                }
                else if (status.ValueKind == JsonValueKind.String && status.GetString() is "dropped" or "invalid")
                {
                    return new SubmissionOutcome(hash, inBlock, null, status.GetString());
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SubmissionOutcome(hash, inBlock, null, $"no final status within {timeout.TotalSeconds:0} s");
        }
        return new SubmissionOutcome(hash, inBlock, null, "the watch ended without a final status");
    }

    private static object?[] At(byte[]? at) => at is null ? [] : [Hex.Encode(at)];
}
