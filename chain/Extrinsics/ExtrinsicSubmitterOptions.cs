namespace Loosh.Chain.Extrinsics;

/// <summary>How <see cref="ExtrinsicSubmitter"/> sends transactions. The defaults are the Python SDK's (period 128, no tip).</summary>
public sealed record ExtrinsicSubmitterOptions
{
    /// <summary>Blocks the transaction stays valid for (rounded up to a power of two): about 25 minutes at 12 s blocks.</summary>
    public ulong EraPeriod { get; init; } = MortalEra.DefaultPeriod;

    public ulong Tip { get; init; }

    /// <summary>Wait for the block to be finalised, not only for inclusion (adds about two blocks of latency).</summary>
    public bool WaitForFinalization { get; init; }

    /// <summary>How long to wait for inclusion (or finalisation) before giving up with a <see cref="TransactionRejectedException"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
