using Loosh.Chain.Metadata;
using Loosh.Chain.Rpc;
using Loosh.Chain.Scale;

namespace Loosh.Devnet.Chain;

/// <summary>
/// A connection to the chopsticks node with its own runtime's metadata, and the storage writes (dev_setStorage) that
/// make a hotkey a registered validator (chain.md §5.3). Keys come from the metadata; each value is checked to decode
/// as its item's type before it is written. Writes use the raw [key, value] form, which keeps zero values.
/// </summary>
public sealed class ChopsticksChain : IAsyncDisposable
{
    private const ulong Balance = 1_000_000_000_000;

    private ChopsticksChain(SubstrateRpcClient rpc, SubtensorNode node, RuntimeMetadata metadata)
    {
        Rpc = rpc;
        Node = node;
        Metadata = metadata;
    }

    public SubstrateRpcClient Rpc { get; }

    public SubtensorNode Node { get; }

    public RuntimeMetadata Metadata { get; }

    public static async Task<ChopsticksChain> ConnectAsync(Uri endpoint)
    {
        var rpc = new SubstrateRpcClient(endpoint);
        var node = new SubtensorNode(rpc);
        var metadata = RuntimeMetadata.ParseVersioned(await node.GetMetadataAtVersionAsync(15))
            ?? throw new InvalidOperationException("The chopsticks runtime does not offer metadata V15.");
        return new ChopsticksChain(rpc, node, metadata);
    }

    /// <summary>Gives <paramref name="account"/> a free balance and a provider reference, so the nonce check accepts it.</summary>
    public Task FundAsync(byte[] account) =>
        SetStorageAsync(Write("System", "Account", AccountInfo(), account));

    /// <summary>
    /// Makes <paramref name="hotkey"/> uid 0 of a two-neuron subnet <paramref name="netuid"/> with validator permits,
    /// weights set at any time by anyone with at least one weight, and no commit-reveal or version key.
    /// </summary>
    public Task RegisterValidatorAsync(ushort netuid, byte[] hotkey, byte[] otherNeuron)
    {
        var subnet = U16(netuid);
        return SetStorageAsync(
            Write("System", "Account", AccountInfo(), hotkey),
            Write("SubtensorModule", "NetworksAdded", Bool(true), subnet),
            Write("SubtensorModule", "SubnetworkN", U16(2), subnet),
            Write("SubtensorModule", "Keys", hotkey, subnet, U16(0)),
            Write("SubtensorModule", "Keys", otherNeuron, subnet, U16(1)),
            Write("SubtensorModule", "Uids", U16(0), subnet, hotkey),
            Write("SubtensorModule", "IsNetworkMember", Bool(true), hotkey, subnet),
            Write("SubtensorModule", "ValidatorPermit", Bools(true, true), subnet),
            Write("SubtensorModule", "Active", Bools(true, true), subnet),
            Write("SubtensorModule", "LastUpdate", new ScaleWriter().WriteLength(2).WriteU64(0).WriteU64(0).ToArray(), subnet),
            Write("SubtensorModule", "CommitRevealWeightsEnabled", Bool(false), subnet),
            Write("SubtensorModule", "WeightsSetRateLimit", U64(0), subnet),
            Write("SubtensorModule", "MinAllowedWeights", U16(1), subnet),
            Write("SubtensorModule", "WeightsVersionKey", U64(0), subnet));
    }

    /// <summary>Writes storage items given as (pallet, item, SCALE value, keys), each checked like the writes above.</summary>
    public Task WriteAsync(params (string Pallet, string Item, byte[] Value, byte[][] Keys)[] writes) =>
        SetStorageAsync([.. writes.Select(w => Write(w.Pallet, w.Item, w.Value, w.Keys))]);

    /// <summary>Reads <paramref name="pallet"/>.<paramref name="item"/> at <paramref name="block"/> and decodes it (absent items as their default).</summary>
    public async Task<ScaleValue?> ReadAsync(string pallet, string item, byte[] block, params byte[][] keys)
    {
        var entry = Metadata.StorageEntry(pallet, item);
        var stored = await Node.GetStorageAsync(Metadata.StorageKey(pallet, item, keys), block);
        return entry.ValueOrDefault(stored) is { } value ? Metadata.Types.DecodeAll(entry.ValueType, value) : null;
    }

    public static byte[] U16(ushort value) => new ScaleWriter().WriteU16(value).ToArray();

    public ValueTask DisposeAsync() => Rpc.DisposeAsync();

    private async Task SetStorageAsync(params string[][] writes) => await Rpc.RequestAsync("dev_setStorage", [writes]);

    private string[] Write(string pallet, string item, byte[] value, params byte[][] keys)
    {
        Metadata.Types.DecodeAll(Metadata.StorageEntry(pallet, item).ValueType, value);
        return [Hex.Encode(Metadata.StorageKey(pallet, item, keys)), Hex.Encode(value)];
    }

    // AccountInfo { nonce, consumers, providers: 1, sufficients, data: AccountData { free, reserved, frozen, flags } };
    // the top flag bit marks the current balances logic, as in the metadata's default.
    private static byte[] AccountInfo() =>
        new ScaleWriter().WriteU32(0).WriteU32(0).WriteU32(1).WriteU32(0)
            .WriteU64(Balance).WriteU64(0).WriteU64(0).WriteU128(UInt128.One << 127).ToArray();

    private static byte[] U64(ulong value) => new ScaleWriter().WriteU64(value).ToArray();

    private static byte[] Bool(bool value) => new ScaleWriter().WriteBool(value).ToArray();

    private static byte[] Bools(params bool[] values)
    {
        var writer = new ScaleWriter().WriteLength(values.Length);
        foreach (var value in values)
        {
            writer.WriteBool(value);
        }
        return writer.ToArray();
    }
}
