using System.Net;
using System.Net.Sockets;
using Loosh.Chain.Metadata;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// The SubtensorModule calls a validator sends, typed. Each builder names the field list the client was written for
/// (chain.md §2.4; serve_axon as in the spec-218, 343 and 381 metadata), so a runtime that changes it fails here with
/// an <see cref="UnsupportedRuntimeException"/> instead of at the node.
/// </summary>
public static class SubtensorCalls
{
    public const string Pallet = "SubtensorModule";

    /// <summary>The protocol number the Python SDK sends for every axon.</summary>
    public const byte DefaultAxonProtocol = 4;

    /// <summary><c>set_weights(netuid, dests, weights, version_key)</c>: u16 uids and u16 weights, not compact.</summary>
    public static RuntimeCall SetWeights(RuntimeMetadata metadata, ushort netuid, IReadOnlyList<ushort> dests, IReadOnlyList<ushort> weights, ulong versionKey) =>
        RuntimeCall.Encode(metadata, Pallet, "set_weights",
            CallArgument.U16("netuid", netuid),
            CallArgument.U16Vec("dests", dests),
            CallArgument.U16Vec("weights", weights),
            CallArgument.U64("version_key", versionKey));

    /// <summary><c>set_mechanism_weights(netuid, mecid, dests, weights, version_key)</c>, what bittensor 10.x sends (mechanism 0 by default).</summary>
    public static RuntimeCall SetMechanismWeights(
        RuntimeMetadata metadata, ushort netuid, byte mechanismId, IReadOnlyList<ushort> dests, IReadOnlyList<ushort> weights, ulong versionKey) =>
        RuntimeCall.Encode(metadata, Pallet, "set_mechanism_weights",
            CallArgument.U16("netuid", netuid),
            CallArgument.U8("mecid", mechanismId),
            CallArgument.U16Vec("dests", dests),
            CallArgument.U16Vec("weights", weights),
            CallArgument.U64("version_key", versionKey));

    /// <summary>
    /// <c>serve_axon</c>: announces where the validator's axon listens. The address goes on chain as an integer (the
    /// address bytes read big-endian) with ip_type 4 or 6, as the Python SDK sends it.
    /// </summary>
    public static RuntimeCall ServeAxon(
        RuntimeMetadata metadata, ushort netuid, uint version, IPAddress ip, ushort port, byte protocol = DefaultAxonProtocol)
    {
        ArgumentNullException.ThrowIfNull(ip);
        var ipType = ip.AddressFamily switch
        {
            AddressFamily.InterNetwork => (byte)4,
            AddressFamily.InterNetworkV6 => (byte)6,
            _ => throw new ArgumentException($"An axon address is IPv4 or IPv6, not {ip.AddressFamily}.", nameof(ip)),
        };
        return RuntimeCall.Encode(metadata, Pallet, "serve_axon",
            CallArgument.U16("netuid", netuid),
            CallArgument.U32("version", version),
            CallArgument.U128("ip", IpToInteger(ip)),
            CallArgument.U16("port", port),
            CallArgument.U8("ip_type", ipType),
            CallArgument.U8("protocol", protocol),
            CallArgument.U8("placeholder1", 0),
            CallArgument.U8("placeholder2", 0));
    }

    private static UInt128 IpToInteger(IPAddress ip)
    {
        UInt128 value = 0;
        foreach (var part in ip.GetAddressBytes())
        {
            value = (value << 8) | part;
        }
        return value;
    }
}
