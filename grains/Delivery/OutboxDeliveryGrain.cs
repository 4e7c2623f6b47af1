using Orleans.Concurrency;

namespace Loosh.Grains.Delivery;

/// <summary>Runs <see cref="OutboxDelivery"/> for one message on behalf of a producer grain; reentrant, so deliveries overlap.</summary>
[StatelessWorker, Reentrant]
public sealed class OutboxDeliveryGrain(OutboxDelivery delivery) : Grain, IOutboxDeliveryGrain
{
    public Task DeliverAsync(string messageId) => delivery.DeliverDueAsync(1, messageId);
}
