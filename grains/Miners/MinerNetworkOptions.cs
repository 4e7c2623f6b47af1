namespace Loosh.Grains.Miners;

/// <summary>
/// The miner side of the validator: how often the metagraph is read and miners are probed, how many are chosen per
/// challenge, and how long the ledger keeps its rows. Defaults are the reference's (evaluation.md §10, protocols.md §2.4).
/// </summary>
public sealed class MinerNetworkOptions
{
    /// <summary>MIN_MINERS: fewer candidates than this is logged (the reference defines it and never enforces it).</summary>
    public int MinMiners { get; set; } = 3;

    /// <summary>MAX_MINERS: the most miners one challenge is sent to.</summary>
    public int MaxMiners { get; set; } = 7;

    /// <summary>METAGRAPH_REFRESH_INTERVAL_SECONDS: also the cadence of the validator list, priority weights and network report.</summary>
    public TimeSpan MetagraphRefreshInterval { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long one metagraph read may take before the refresh counts as failed.</summary>
    public TimeSpan MetagraphReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often every served miner is probed (the reference's availability worker: 30 s).</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Availability probes (and miner-grain updates) in flight at once (MAX_CONCURRENT_AVAILABILITY_CHECKS).</summary>
    public int MaxConcurrentProbes { get; set; } = 20;

    /// <summary>
    /// A refresh or probe round that has not reported back after this long is presumed lost (its silo died) and the
    /// next one may start.
    /// </summary>
    public TimeSpan StaleRunAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The miner-network report goes out at most once per bucket of this length (the reference reports every 300 s).</summary>
    public TimeSpan NetworkReportBucket { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>LEDGER_RETENTION_HOURS: challenges and delivered outbox rows older than this are deleted.</summary>
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How often the ledger is pruned (the reference: every 24 h).</summary>
    public TimeSpan LedgerPruneInterval { get; set; } = TimeSpan.FromHours(24);
}
