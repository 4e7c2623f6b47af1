using Orleans.Concurrency;

namespace Loosh.GrainInterfaces;

/// <summary>
/// Delivers one outbox message to the Challenge API now, away from the grain that produced it, and tells the
/// challenge it belongs to (if any) once the API has acknowledged it.
/// </summary>
[Alias("Loosh.IOutboxDeliveryGrain")]
public interface IOutboxDeliveryGrain : IGrainWithIntegerKey
{
    [Alias("Deliver"), OneWay]
    Task DeliverAsync(string messageId);
}
