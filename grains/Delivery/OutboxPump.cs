using Microsoft.Extensions.Hosting;

namespace Loosh.Grains.Delivery;

/// <summary>
/// Runs on every silo and delivers due outbox messages every few seconds. Producers also deliver their own message
/// right away; the pump is what retries after failures and what picks up messages a crashed silo left behind.
/// </summary>
public sealed partial class OutboxPump(OutboxDelivery delivery, ILogger<OutboxPump> logger) : BackgroundService
{
    /// <summary>Pause between sweeps when nothing was due.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                // Keep sweeping while full batches come back, so a backlog after an outage drains quickly.
                while (await delivery.DeliverDueAsync(BatchSize, ct: stoppingToken).ConfigureAwait(false) == BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database or the network is down; the rows stay and the next sweep tries again.
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
