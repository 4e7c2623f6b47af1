using System.Security.Cryptography;
using Loosh.Chain.Scale;
using Loosh.Chain.Tests.Chopsticks;

namespace Loosh.Grains.Tests.Weights;

/// <summary>A miner of the test subnet: its hotkey and the axon it serves (IP as the chain's integer; 0 = none).</summary>
internal sealed record SubnetMiner(byte[] Hotkey, uint Ip, ushort Port);

/// <summary>
/// Lays out netuid 1 on the chopsticks chain for one weights test: the validator at uid 0, the miners after it, and the
/// subnet parameters the test needs. Every test writes the whole layout, so tests sharing the node do not see each other.
/// The subnet always has <see cref="Size"/> neurons (unused slots serve no axon): the runtime's block step indexes its
/// per-uid vectors by every uid it still finds in Keys, so a smaller layout after a larger one would make it panic.
/// </summary>
internal static class ChopsticksSubnet
{
    public const ushort Netuid = 1;

    /// <summary>The validator and up to five miners.</summary>
    public const int Size = 6;

    public static async Task LayOutAsync(
        ChopsticksChain chain, byte[] validator, IReadOnlyList<SubnetMiner> miners, ulong validatorLastUpdate,
        ulong rateLimit = 0, bool commitReveal = false)
    {
        miners = [.. miners, .. Enumerable.Range(0, Size - 1 - miners.Count).Select(_ => new SubnetMiner(RandomNumberGenerator.GetBytes(32), 0, 0))];
        await chain.RegisterValidatorAsync(Netuid, validator, miners.Count > 0 ? miners[0].Hotkey : new byte[32]);
        var subnet = ChopsticksChain.U16(Netuid);
        var count = miners.Count + 1;
        var writes = new List<(string, string, byte[], byte[][])>
        {
            ("SubtensorModule", "SubnetworkN", ChopsticksChain.U16((ushort)count), [subnet]),
            ("SubtensorModule", "ValidatorPermit", Vector(count, w => w.WriteBool(true), w => w.WriteBool(false)), [subnet]),
            ("SubtensorModule", "Active", Vector(count, w => w.WriteBool(true), w => w.WriteBool(true)), [subnet]),
            ("SubtensorModule", "LastUpdate", Vector(count, w => w.WriteU64(validatorLastUpdate), w => w.WriteU64(0)), [subnet]),
            ("SubtensorModule", "WeightsSetRateLimit", new ScaleWriter().WriteU64(rateLimit).ToArray(), [subnet]),
            ("SubtensorModule", "CommitRevealWeightsEnabled", new ScaleWriter().WriteBool(commitReveal).ToArray(), [subnet]),
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
