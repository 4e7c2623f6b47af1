namespace Loosh.Evaluation.Weights;

/// <summary>
/// Picks the <see cref="OperatingMode"/> from the blocks since the validator's last weight update, with the
/// reference's thresholds (evaluation.md §9.2 step 2), so the port escalates at the same points.
/// </summary>
public static class OperatingModes
{
    /// <summary>The deregistration limit the thresholds are set against; the reference only logs it
    /// (reference: <c>DEREGISTRATION_BLOCK_LIMIT = 5000</c>).</summary>
    public const long DeregistrationBlockLimit = 5000;

    /// <summary>From this many blocks on: DEGRADED (reference: <c>DEGRADED_MODE_THRESHOLD = 4000</c>).</summary>
    public const long DegradedThreshold = 4000;

    /// <summary>From this many blocks on: EMERGENCY (reference: <c>EMERGENCY_MODE_THRESHOLD = 4500</c>).</summary>
    public const long EmergencyThreshold = 4500;

    /// <summary>
    /// EMERGENCY at ≥ 4500 blocks, DEGRADED at ≥ 4000, else NORMAL; unknown (the chain query failed) is NORMAL,
    /// as in the reference.
    /// </summary>
    public static OperatingMode FromBlocksSinceLastUpdate(long? blocks) => blocks switch
    {
        >= EmergencyThreshold => OperatingMode.Emergency,
        >= DegradedThreshold => OperatingMode.Degraded,
        _ => OperatingMode.Normal,
    };
}
