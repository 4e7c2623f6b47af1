namespace Loosh.Evaluation.Weights;

/// <summary>
/// How urgently the validator must set weights, from how long ago it last did. The closer it gets to
/// deregistration, the laxer the freshness gate and the more it prefers any weights over none.
/// </summary>
public enum OperatingMode
{
    /// <summary>Well within the limit: 3 h freshness, an all-zero run is skipped.</summary>
    Normal,

    /// <summary>Approaching the limit: 24 h freshness, an all-zero run is skipped.</summary>
    Degraded,

    /// <summary>Close to deregistration: no freshness gate, an all-zero run sets uniform weights.</summary>
    Emergency,
}
