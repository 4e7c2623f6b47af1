namespace Loosh.Evaluation.Consensus;

/// <summary>
/// Who operates a miner as far as the metagraph tells (evaluation.md §4.3): its axon IP and its coldkey.
/// </summary>
/// <param name="Ip">The axon IP as text; empty, <c>"0"</c> and <c>"0.0.0.0"</c> mean unknown.</param>
/// <param name="Coldkey">The coldkey's SS58 address; empty means unknown.</param>
public sealed record MinerEntity(string Ip, string Coldkey);
