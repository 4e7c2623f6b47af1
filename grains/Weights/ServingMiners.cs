using Loosh.Chain.Crypto;
using Loosh.Chain.Metagraph;

namespace Loosh.Grains.Weights;

/// <summary>A metagraph neuron that may receive weight: its UID and hotkey.</summary>
public sealed record MetagraphMiner(int Uid, string Hotkey);

/// <summary>Which metagraph neurons are serving miners (evaluation.md §9.2 step 3).</summary>
public static class ServingMiners
{
    /// <summary>Without a validator list, neurons with at least this stake count as validators (reference: <c>MAX_MINER_STAKE = 999</c>).</summary>
    public const decimal MaxMinerStakeTao = 999m;

    /// <summary>
    /// Leaves out our own hotkey, neurons that serve no axon (IP 0 — the chain's form of empty, "0" and "0.0.0.0" — or
    /// port 0), and validators: those in <paramref name="validators"/> when there is a list, else those with a stake of
    /// at least 999 τ. The result is in metagraph order.
    /// </summary>
    public static IReadOnlyList<MetagraphMiner> Select(IEnumerable<NeuronLite> neurons, string ownHotkey, IReadOnlySet<string>? validators)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        return [.. neurons
            .Where(neuron => neuron.Axon.Ip != 0 && neuron.Axon.Port != 0)
            .Select(neuron => (Neuron: neuron, Hotkey: Ss58.Encode(neuron.Hotkey.ToArray())))
            .Where(n => n.Hotkey != ownHotkey)
            .Where(n => validators is null ? n.Neuron.TotalStakeTao < MaxMinerStakeTao : !validators.Contains(n.Hotkey))
            .Select(n => new MetagraphMiner(n.Neuron.Uid, n.Hotkey))];
    }
}
