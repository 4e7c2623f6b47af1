namespace Loosh.Evaluation.Sybil;

/// <summary>One valid answer as sybil detection sees it (evaluation.md §7): the miner's hotkey and the answer text.</summary>
/// <param name="Hotkey">The miner's hotkey (SS58); the persistent identity pairs and groups are reported by.</param>
/// <param name="Text">The full answer text.</param>
public sealed record SybilAnswer(string Hotkey, string Text);
