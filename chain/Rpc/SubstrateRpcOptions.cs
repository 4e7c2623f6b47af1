namespace Loosh.Chain.Rpc;

/// <summary>Limits of the connection to a subtensor node.</summary>
public sealed class SubstrateRpcOptions
{
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may wait for its answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many requests wait for answers at once; more wait for a slot.</summary>
    public int MaxInFlight { get; set; } = 32;

    /// <summary>Largest message accepted from the node (metadata is ~300 KB, a 1024-neuron metagraph ~190 KB).</summary>
    public int MaxMessageBytes { get; set; } = 16 << 20;

    /// <summary>Connection attempts before a request gives up; the waits between them grow exponentially.</summary>
    public int ConnectAttempts { get; set; } = 4;

    public TimeSpan FirstReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Notifications buffered per subscription before the oldest are dropped.</summary>
    public int SubscriptionBuffer { get; set; } = 256;
}
