using Loosh.Chain.Scale;

namespace Loosh.Chain.Metagraph;

/// <summary>
/// One neuron of a subnet as <c>NeuronInfoRuntimeApi_get_neurons_lite</c> returns it (chain.md §2.3): the
/// <c>NeuronInfoLite</c> fields in SCALE order. Rank, incentive, consensus, trust, validator trust and dividends
/// are u16 fractions of 65535; emission and stake are in rao (10⁻⁹ of a unit).
/// </summary>
public sealed record NeuronLite(
    AccountId32 Hotkey,
    AccountId32 Coldkey,
    ushort Uid,
    ushort Netuid,
    bool Active,
    AxonInfo Axon,
    PrometheusInfo Prometheus,
    IReadOnlyList<NeuronStake> Stake,
    U16Fraction Rank,
    ulong EmissionRao,
    U16Fraction Incentive,
    U16Fraction Consensus,
    U16Fraction Trust,
    U16Fraction ValidatorTrust,
    U16Fraction Dividends,
    ulong LastUpdate,
    bool ValidatorPermit,
    ushort PruningScore)
{
    /// <summary>The sum of <see cref="Stake"/> (today a single entry: the hotkey's alpha stake on this subnet).</summary>
    public ulong TotalStakeRao
    {
        get
        {
            ulong total = 0;
            foreach (var entry in Stake)
            {
                total = checked(total + entry.Rao);
            }
            return total;
        }
    }

    public decimal TotalStakeTao => Rao.ToTao(TotalStakeRao);
}

/// <summary>A stake entry of a neuron: the staking coldkey and the amount in rao.</summary>
public readonly record struct NeuronStake(AccountId32 Coldkey, ulong Rao)
{
    public decimal Tao => Metagraph.Rao.ToTao(Rao);
}

/// <summary>A u16 that stands for a fraction of 65535, as subtensor stores rank, trust, incentive and the like.</summary>
public readonly record struct U16Fraction(ushort Raw)
{
    public double Value => Raw / (double)ushort.MaxValue;
}

/// <summary>Rao is the chain's integer unit: 10⁹ rao make one TAO (or one alpha of a subnet).</summary>
public static class Rao
{
    public const ulong PerTao = 1_000_000_000;

    /// <summary>Exact: decimal holds every u64 rao amount divided by 10⁹ without rounding.</summary>
    public static decimal ToTao(ulong rao) => (decimal)rao / PerTao;
}
