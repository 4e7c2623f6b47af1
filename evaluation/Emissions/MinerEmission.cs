namespace Loosh.Evaluation.Emissions;

/// <summary>One miner's emission for one challenge; the stored value the weight run averages (evaluation.md §6.4, §9).</summary>
public sealed record MinerEmission(string Hotkey, int Uid, double Emission);
