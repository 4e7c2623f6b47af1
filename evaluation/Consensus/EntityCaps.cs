namespace Loosh.Evaluation.Consensus;

/// <summary>
/// Entity voting caps (the reference's <c>cap_entity_contributions</c>, evaluation.md §4.3): miners that share an IP,
/// or failing that a coldkey, are one entity, and an entity's members share one vote in the dominant-cluster
/// choice, θ's pair weights and the individual scores.
/// </summary>
public static class EntityCaps
{
    /// <summary>Total vote of one entity however many miners it runs (reference <c>ENTITY_MAX_VOTES</c>).</summary>
    public const double MaxEntityVotes = 1.0;

    /// <summary>Smaller groups are individuals (reference <c>ENTITY_MIN_GROUP_SIZE</c>).</summary>
    public const int MinGroupSize = 2;

    /// <summary>
    /// The weight of each of this challenge's miners: <c>min(1, 1/n)</c> for the n members of a shared-IP group,
    /// then, among miners no IP group capped, <c>min(1, 1/n)</c> for the n members of a shared-coldkey group; 1 for
    /// everybody else, including miners missing from <paramref name="entities"/> (so an empty map caps nobody).
    /// </summary>
    /// <param name="hotkeys">The challenge's valid miners.</param>
    /// <param name="entities">IP and coldkey by hotkey, from the latest metagraph.</param>
    /// <exception cref="ArgumentException">A hotkey is listed twice.</exception>
    public static IReadOnlyDictionary<string, double> Compute(IReadOnlyList<string> hotkeys, IReadOnlyDictionary<string, MinerEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(hotkeys);
        ArgumentNullException.ThrowIfNull(entities);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var hotkey in hotkeys)
        {
            if (!weights.TryAdd(hotkey, 1.0))
            {
                throw new ArgumentException($"Hotkey {hotkey} is listed twice.", nameof(hotkeys));
            }
        }
        var known = hotkeys.Where(entities.ContainsKey).ToArray();

        var ipCapped = Cap(weights, known.Where(h => IsKnownIp(entities[h].Ip)), h => entities[h].Ip);
        Cap(weights, known.Where(h => !ipCapped.Contains(h) && entities[h].Coldkey.Length > 0), h => entities[h].Coldkey);
        return weights;
    }

    /// <summary>
    /// Caps every member of each group of at least <see cref="MinGroupSize"/> at <c>min(1, MaxEntityVotes / n)</c>,
    /// never raising a weight, and returns the capped hotkeys.
    /// </summary>
    private static HashSet<string> Cap(Dictionary<string, double> weights, IEnumerable<string> hotkeys, Func<string, string> entityOf)
    {
        var capped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in hotkeys.GroupBy(entityOf, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            if (members.Length < MinGroupSize)
            {
                continue;
            }
            var cap = Math.Min(1.0, MaxEntityVotes / members.Length);
            foreach (var hotkey in members)
            {
                weights[hotkey] = Math.Min(weights[hotkey], cap);
                capped.Add(hotkey);
            }
        }
        return capped;
    }

    private static bool IsKnownIp(string ip) => ip.Length > 0 && ip != "0" && ip != "0.0.0.0";
}
