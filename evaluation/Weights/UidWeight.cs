namespace Loosh.Evaluation.Weights;

/// <summary>One entry of the weight vector the validator submits: weights go on chain by UID, not by hotkey.</summary>
public sealed record UidWeight(int Uid, double Weight);
