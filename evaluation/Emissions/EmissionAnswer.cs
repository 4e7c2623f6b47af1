namespace Loosh.Evaluation.Emissions;

/// <summary>
/// One miner's answer as the emission step sees it: emissions are paid per hotkey and depend only on speed,
/// consensus membership and the individual score, never on the text itself (evaluation.md §6).
/// </summary>
/// <param name="Hotkey">The miner's hotkey; emissions are keyed by it.</param>
/// <param name="Uid">The miner's UID, used only to break ties for the best miner deterministically.</param>
/// <param name="ResponseTimeMs">Wall-clock response time in milliseconds; must be finite and not negative.</param>
/// <param name="IsTestMode">True when the answer is a <c>[TEST MODE]</c> answer, which is not evaluated and earns 0.</param>
public sealed record EmissionAnswer(string Hotkey, int Uid, double ResponseTimeMs, bool IsTestMode);
