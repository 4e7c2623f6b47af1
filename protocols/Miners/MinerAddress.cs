using System.Globalization;
using System.Net;
using System.Numerics;

namespace Loosh.Protocols.Miners;

/// <summary>What an address is used for: availability probes also rewrite 127.0.0.1 and 0.0.0.0 (protocols.md §2.4).</summary>
public enum MinerAddressUse
{
    Dispatch,
    Availability,
}

/// <summary>
/// Builds a miner's base URL from the chain's axon info. The chain stores the IP as an integer in decimal text, so
/// the bytes are rebuilt here; the localhost rewrites match the reference so local test networks keep working.
/// </summary>
public static class MinerAddress
{
    private static readonly IPAddress FiberLocalMarker = IPAddress.Parse("0.0.0.1");

    /// <summary>The base URL, or null when the axon is not served (no port, or an IP that is not a number of the right size).</summary>
    public static Uri? FromChain(string ip, int ipType, int port, MinerAddressUse use)
    {
        if (port is <= 0 or > 65535 || !BigInteger.TryParse(ip, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        var size = ipType == 6 ? 16 : 4;
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > size)
        {
            return null;
        }
        var padded = new byte[size];
        bytes.CopyTo(padded, size - bytes.Length);
        var address = new IPAddress(padded);
        return IsLocal(address, use)
            ? new Uri($"http://localhost:{port}")
            : new Uri($"http://{FormatHost(address)}:{port}");
    }

    private static bool IsLocal(IPAddress address, MinerAddressUse use) =>
        address.Equals(FiberLocalMarker)
        || (use == MinerAddressUse.Availability && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.Any)));

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
