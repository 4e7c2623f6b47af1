namespace Loosh.Evaluation.Consensus;

/// <summary>
/// One valid answer as the consensus engine sees it (evaluation.md §4): its vector, the quality the quality scorer
/// gave it, its entity voting cap and its length. The text itself is not needed; everything textual has already
/// been turned into these numbers.
/// </summary>
/// <param name="Hotkey">The miner's hotkey; results are keyed by it.</param>
/// <param name="Uid">The miner's UID; it breaks dominant-cluster ties deterministically.</param>
/// <param name="Embedding">The answer's L2-normalised document embedding; every answer's must be equally long.</param>
/// <param name="Quality">The composite quality q ∈ [0, 1] (§3), or null when semantic quality is off, which selects
/// the reference's word-length paths. Either every answer carries one or none does.</param>
/// <param name="EntityWeight">The entity voting cap e ∈ (0, 1] from <see cref="EntityCaps.Compute"/>, or null when
/// unknown (treated as 1, as the reference treats a miner missing from its node map).</param>
/// <param name="WordCount">Whitespace-separated words in the answer (<c>Sentences.WordCount</c>).</param>
public sealed record ConsensusAnswer(
    string Hotkey,
    int Uid,
    float[] Embedding,
    double? Quality,
    double? EntityWeight,
    int WordCount);
