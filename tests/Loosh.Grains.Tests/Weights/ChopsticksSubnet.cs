using System.Security.Cryptography;
using Loosh.Devnet.Chain;

namespace Loosh.Grains.Tests.Weights;

/// <summary>
/// Lays out netuid 1 on the chopsticks chain for one weights test (the devnet's <see cref="SubnetLayout"/>). Every test
/// writes the whole layout, so tests sharing the node do not see each other. The subnet always has <see cref="Size"/>
/// neurons (unused slots serve no axon): the runtime's block step indexes its per-uid vectors by every uid it still finds
/// in Keys, so a smaller layout after a larger one would make it panic.
/// </summary>
internal static class ChopsticksSubnet
{
    public const ushort Netuid = 1;

    /// <summary>The validator and up to five miners.</summary>
    public const int Size = 6;

    public static Task LayOutAsync(
        ChopsticksChain chain, byte[] validator, IReadOnlyList<SubnetMiner> miners, ulong validatorLastUpdate,
        ulong rateLimit = 0, bool commitReveal = false) =>
        SubnetLayout.LayOutAsync(chain, Netuid, validator,
            [.. miners, .. Enumerable.Range(0, Size - 1 - miners.Count).Select(_ => new SubnetMiner(RandomNumberGenerator.GetBytes(32), 0, 0))],
            validatorLastUpdate, rateLimit, commitReveal);
}
