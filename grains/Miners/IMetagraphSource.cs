using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Loosh.Chain.Crypto;
using Loosh.Grains.Services;

namespace Loosh.Grains.Miners;

/// <summary>
/// Where the metagraph comes from. Production reads subtensor (<see cref="ChainMetagraphSource"/>); the seam lets grain
/// tests serve loopback miners without a chain.
/// </summary>
public interface IMetagraphSource
{
    /// <summary>Every neuron of <paramref name="netuid"/>; throws when the chain cannot be read.</summary>
    Task<IReadOnlyList<MetagraphNode>> ReadAsync(int netuid, CancellationToken cancellationToken);
}

/// <summary>The metagraph from subtensor's <c>NeuronInfoRuntimeApi_get_neurons_lite</c>, over the silo's shared connection.</summary>
public sealed class ChainMetagraphSource(SubtensorConnection connection) : IMetagraphSource
{
    public async Task<IReadOnlyList<MetagraphNode>> ReadAsync(int netuid, CancellationToken cancellationToken)
    {
        var neurons = await connection.Reader.GetNeuronsAsync(checked((ushort)netuid), cancellationToken: cancellationToken);
        return [.. neurons.Select(neuron => MetagraphNodes.Create(
            Ss58.Encode(neuron.Hotkey.ToArray()), Ss58.Encode(neuron.Coldkey.ToArray()), neuron.Uid,
            neuron.Axon.Address, neuron.Axon.Port, (double)neuron.TotalStakeTao, neuron.ValidatorPermit))];
    }
}

/// <summary>Builds <see cref="MetagraphNode"/>s, deriving the chain's integer IP text from the address so both forms agree.</summary>
public static class MetagraphNodes
{
    public static MetagraphNode Create(string hotkey, string coldkey, int uid, IPAddress ip, int port, double stakeTao, bool validatorPermit)
    {
        ArgumentNullException.ThrowIfNull(ip);
        var chainIp = new BigInteger(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
        var ipType = ip.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 4;
        return new MetagraphNode(hotkey, coldkey, uid, chainIp, ipType, ip.ToString(), port, stakeTao, validatorPermit);
    }
}
