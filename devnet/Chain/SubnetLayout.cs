using Loosh.Chain.Scale;

namespace Loosh.Devnet.Chain;

/// <summary>A miner of a laid-out subnet: its hotkey and the axon it serves (IPv4 as the chain's integer; 0 = none).</summary>
public sealed record SubnetMiner(byte[] Hotkey, uint Ip, ushort Port);

/// <summary>
/// Writes a whole subnet onto the chopsticks chain: the validator at uid 0 with a validator permit, the miners after it
/// with their axons, and the weight-setting parameters (rate limit, commit-reveal, max weight). Every per-uid vector gets exactly one entry per uid in Keys:
/// the runtime's block step indexes those vectors by every uid it finds in Keys and panics past their end.
/// </summary>
public static class SubnetLayout
{
    /// <summary>
    /// Lays out <paramref name="netuid"/>. The validator's LastUpdate block must not exceed the chain's current block;
    /// the rate limit (WeightsSetRateLimit) is in blocks.
    /// </summary>
    public static async Task LayOutAsync(
        ChopsticksChain chain, ushort netuid, byte[] validator, IReadOnlyList<SubnetMiner> miners, ulong validatorLastUpdate = 0,
        ulong rateLimit = 0, bool commitReveal = false)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(miners);
        await chain.RegisterValidatorAsync(netuid, validator, miners.Count > 0 ? miners[0].Hotkey : new byte[32]);
        var subnet = ChopsticksChain.U16(netuid);
        var count = miners.Count + 1;
        var writes = new List<(string, string, byte[], byte[][])>
        {
            ("SubtensorModule", "SubnetworkN", ChopsticksChain.U16((ushort)count), [subnet]),
            ("SubtensorModule", "ValidatorPermit", Vector(count, w => w.WriteBool(true), w => w.WriteBool(false)), [subnet]),
            ("SubtensorModule", "Active", Vector(count, w => w.WriteBool(true), w => w.WriteBool(true)), [subnet]),
            ("SubtensorModule", "LastUpdate", Vector(count, w => w.WriteU64(validatorLastUpdate), w => w.WriteU64(0)), [subnet]),
            ("SubtensorModule", "WeightsSetRateLimit", new ScaleWriter().WriteU64(rateLimit).ToArray(), [subnet]),
            ("SubtensorModule", "CommitRevealWeightsEnabled", new ScaleWriter().WriteBool(commitReveal).ToArray(), [subnet]),
            // No cap on one uid's share, as on the live subnets; the runtime's default (1000/65535) refuses a clear winner.
            ("SubtensorModule", "MaxWeightsLimit", ChopsticksChain.U16(ushort.MaxValue), [subnet]),
        };
        for (var i = 0; i < miners.Count; i++)
        {
            var miner = miners[i];
            var uid = ChopsticksChain.U16((ushort)(i + 1));
            writes.Add(("SubtensorModule", "Keys", miner.Hotkey, [subnet, uid]));
            writes.Add(("SubtensorModule", "Uids", uid, [subnet, miner.Hotkey]));
            writes.Add(("SubtensorModule", "IsNetworkMember", new ScaleWriter().WriteBool(true).ToArray(), [miner.Hotkey, subnet]));
            writes.Add(("SubtensorModule", "Axons", Axon(miner), [subnet, miner.Hotkey]));
        }
        await chain.WriteAsync([.. writes]);
    }

    // AxonInfo { block, version, ip: u128, port, ip_type: 4, protocol: 4, placeholder1, placeholder2 }.
    private static byte[] Axon(SubnetMiner miner) =>
        new ScaleWriter().WriteU64(1).WriteU32(1).WriteU128(miner.Ip).WriteU16(miner.Port).WriteU8(4).WriteU8(4).WriteU8(0).WriteU8(0).ToArray();

    /// <summary>A SCALE vector of <paramref name="count"/> items: the validator's first, then one per miner.</summary>
    private static byte[] Vector(int count, Action<ScaleWriter> validator, Action<ScaleWriter> miner)
    {
        var writer = new ScaleWriter().WriteLength(count);
        validator(writer);
        for (var i = 1; i < count; i++)
        {
            miner(writer);
        }
        return writer.ToArray();
    }
}
