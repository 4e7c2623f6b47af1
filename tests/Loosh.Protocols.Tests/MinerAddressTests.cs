using Loosh.Protocols.Miners;

namespace Loosh.Protocols.Tests;

/// <summary>Miner base URLs from the chain's integer IPs (protocols.md §2.4).</summary>
public sealed class MinerAddressTests
{
    [Theory]
    [InlineData("3232235777", 4, 8091, "http://192.168.1.1:8091/")]
    [InlineData("16777343", 4, 80, "http://1.0.0.127/")]
    [InlineData("1", 4, 8091, "http://localhost:8091/")]
    [InlineData("2130706433", 4, 8091, "http://127.0.0.1:8091/")]
    [InlineData("0", 4, 8091, "http://0.0.0.0:8091/")]
    [InlineData("42540766411282592856903984951653826561", 6, 9000, "http://[2001:db8::1]:9000/")]
    [InlineData("1", 6, 9000, "http://[::1]:9000/")]
    public void Dispatch_addresses(string ip, int ipType, int port, string expected) =>
        Assert.Equal(new Uri(expected), MinerAddress.FromChain(ip, ipType, port, MinerAddressUse.Dispatch));

    [Theory]
    [InlineData("2130706433", "http://localhost:8091/")]
    [InlineData("0", "http://localhost:8091/")]
    [InlineData("1", "http://localhost:8091/")]
    [InlineData("3232235777", "http://192.168.1.1:8091/")]
    public void Availability_rewrites_loopback_and_any_to_localhost(string ip, string expected) =>
        Assert.Equal(new Uri(expected), MinerAddress.FromChain(ip, 4, 8091, MinerAddressUse.Availability));

    [Theory]
    [InlineData("3232235777", 4, 0)]
    [InlineData("3232235777", 4, 70000)]
    [InlineData("4294967296", 4, 8091)]
    [InlineData("-1", 4, 8091)]
    [InlineData("1.2.3.4", 4, 8091)]
    [InlineData("", 4, 8091)]
    public void Unserved_or_impossible_axons_give_no_address(string ip, int ipType, int port) =>
        Assert.Null(MinerAddress.FromChain(ip, ipType, port, MinerAddressUse.Dispatch));
}
