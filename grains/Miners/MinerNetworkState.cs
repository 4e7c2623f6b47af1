namespace Loosh.Grains.Miners;

/// <summary>
/// The miner side of <see cref="ValidatorState"/>: the last good metagraph, the Challenge API's validator list and
/// priority weights (each kept when its refresh fails), the latest probe result per hotkey, and bookkeeping.
/// </summary>
public sealed class MinerNetworkState
{
    /// <summary>Our own hotkey as the last refresh reported it; null until the first refresh.</summary>
    public string? ValidatorHotkey { get; set; }

    public List<MetagraphNode> Metagraph { get; set; } = [];
    public DateTimeOffset? MetagraphAt { get; set; }
    public long RefreshAttempts { get; set; }
    public string? LastRefreshError { get; set; }

    public List<string> Validators { get; set; } = [];
    public DateTimeOffset? ValidatorsAt { get; set; }

    public Dictionary<string, double> PriorityWeights { get; set; } = [];
    public DateTimeOffset? PriorityWeightsAt { get; set; }

    /// <summary>The latest probe of each hotkey still in the metagraph.</summary>
    public Dictionary<string, ProbeResult> Availability { get; set; } = [];
    public long ProbeRounds { get; set; }

    public DateTimeOffset? LastLedgerPruneAt { get; set; }
}
