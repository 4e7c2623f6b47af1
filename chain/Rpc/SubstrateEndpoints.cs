namespace Loosh.Chain.Rpc;

/// <summary>Which subtensor endpoint to use, as the reference chooses it: SUBTENSOR_ADDRESS wins, else the network's well-known endpoint.</summary>
public static class SubstrateEndpoints
{
    public static Uri Resolve(string network, Uri? address)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (address is not null)
        {
            return address;
        }
        return network.ToUpperInvariant() switch
        {
            "FINNEY" => new Uri("wss://entrypoint-finney.opentensor.ai:443"),
            "TEST" => new Uri("wss://test.finney.opentensor.ai:443"),
            "ARCHIVE" => new Uri("wss://archive.chain.opentensor.ai:443"),
            "LOCAL" => new Uri("ws://127.0.0.1:9944"),
            _ => throw new ArgumentException($"Unknown subtensor network '{network}'; expected finney, test, archive or local.", nameof(network)),
        };
    }
}
