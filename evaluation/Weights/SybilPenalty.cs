namespace Loosh.Evaluation.Weights;

/// <summary>How a penalised miner's score was cut, as the Challenge API's penalty report names it.</summary>
public enum PenaltyType
{
    /// <summary>Reduced but still positive.</summary>
    Graduated,

    /// <summary>Reduced to zero.</summary>
    Zeroed,
}

/// <summary>
/// One miner whose score the sybil penalty lowered; the validator reports these to the Challenge API
/// (<c>POST /analytics/penalty-report</c>), so the record carries every field that report needs.
/// </summary>
public sealed record SybilPenalty(int Uid, string Hotkey, double SybilScore, double ScoreBefore, double ScoreAfter, PenaltyType Type);

/// <summary>The scores after the sybil penalty, and which miners it lowered (ordered by UID).</summary>
public sealed record SybilPenaltyResult(IReadOnlyDictionary<string, double> Scores, IReadOnlyList<SybilPenalty> Penalties);
