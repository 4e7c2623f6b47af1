namespace Loosh.Chain.Extrinsics;

/// <summary>
/// Subtensor's <c>InvalidTransaction::Custom(n)</c> codes (common/src/transaction_error.rs, chain.md §2.1): the pool's
/// own pre-checks of weight and stake calls. A bare "Custom(19)" tells an operator nothing; the name does.
/// </summary>
public static class SubtensorTransactionErrors
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [0] = "ColdkeyInSwapSchedule",
        [1] = "StakeAmountTooLow (includes NotEnoughStakeToSetWeights)",
        [3] = "SubnetNotExists",
        [6] = "RateLimitExceeded (SettingWeightsTooFast / CommittingWeightsTooFast)",
        [15] = "InvalidRevealRound",
        [16] = "CommitNotFound",
        [17] = "CommitBlockNotInRevealRange",
        [18] = "InputLengthsUnequal",
        [19] = "UidNotFound (HotKeyNotRegisteredInSubNet)",
        [255] = "BadRequest",
    };

    /// <summary>The name of custom code <paramref name="code"/>, or "unknown subtensor code n".</summary>
    public static string Describe(int code) => Names.GetValueOrDefault(code, $"unknown subtensor code {code}");
}
