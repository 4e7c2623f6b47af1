using System.Buffers.Binary;
using System.Net;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Metagraph;

/// <summary>
/// Where a neuron serves (fixed 34 bytes in SCALE): registration block, version, IP as an integer, port, IP type
/// (4 or 6), protocol and two reserved bytes.
/// </summary>
public readonly record struct AxonInfo(
    ulong Block,
    uint Version,
    UInt128 Ip,
    ushort Port,
    byte IpType,
    byte Protocol,
    byte Placeholder1,
    byte Placeholder2)
{
    public const int EncodedSize = 34;

    /// <summary>The IP decoded from its integer form, e.g. 3,235,789,677 → 192.222.59.109.</summary>
    public IPAddress Address => ChainIp.ToAddress(Ip, IpType);

    public static AxonInfo Read(ref ScaleReader reader) =>
        new(reader.ReadU64(), reader.ReadU32(), reader.ReadU128(), reader.ReadU16(), reader.ReadU8(), reader.ReadU8(), reader.ReadU8(), reader.ReadU8());
}

/// <summary>Where a neuron exposes Prometheus metrics (fixed 31 bytes in SCALE); all zero when it does not.</summary>
public readonly record struct PrometheusInfo(ulong Block, uint Version, UInt128 Ip, ushort Port, byte IpType)
{
    public const int EncodedSize = 31;

    public IPAddress Address => ChainIp.ToAddress(Ip, IpType);

    public static PrometheusInfo Read(ref ScaleReader reader) =>
        new(reader.ReadU64(), reader.ReadU32(), reader.ReadU128(), reader.ReadU16(), reader.ReadU8());
}

/// <summary>Subtensor stores IPs as integers: an IPv4 address in the low 32 bits, an IPv6 address in all 128.</summary>
internal static class ChainIp
{
    /// <summary>IPv6 when the type says 6 or the value needs more than 32 bits, IPv4 otherwise (as the Python SDK does).</summary>
    public static IPAddress ToAddress(UInt128 ip, byte ipType)
    {
        if (ipType != 6 && ip <= uint.MaxValue)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)ip);
            return new IPAddress(v4);
        }
        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, ip);
        return new IPAddress(v6);
    }
}
