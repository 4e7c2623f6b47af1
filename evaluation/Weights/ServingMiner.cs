namespace Loosh.Evaluation.Weights;

/// <summary>
/// A miner the weight run may weigh (already filtered from the metagraph as in evaluation.md §9.2 step 3), with
/// the last successful availability probe the freshness gate needs.
/// </summary>
/// <param name="Uid">Its UID on the subnet; weights are set by UID.</param>
/// <param name="Hotkey">Its hotkey; scores and sybil scores are keyed by it.</param>
/// <param name="LastSuccess">The last time its availability probe succeeded, or null if never.</param>
public sealed record ServingMiner(int Uid, string Hotkey, DateTimeOffset? LastSuccess);
