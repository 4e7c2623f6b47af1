namespace Loosh.Grains.Miners;

/// <summary>
/// Weighted sampling without replacement (evaluation.md §1 step 2): each draw picks a remaining candidate with
/// probability weight / remaining total; a weight of 0 (or a negative or non-finite one) is never picked, and the draw
/// stops early once the remaining weights are all 0. When every weight is 0 the draw is uniform instead. Unlike the
/// reference, weights also apply when there are no more candidates than places (its weak point 23: below eight
/// candidates a miner the Challenge API weighted 0 was still chosen).
/// </summary>
internal static class MinerSelection
{
    /// <summary>Indexes into <paramref name="weights"/> of at most <paramref name="count"/> candidates, in draw order.</summary>
    public static List<int> Sample(IReadOnlyList<double> weights, int count, SelectionRandom random)
    {
        var usable = weights.Select(w => double.IsFinite(w) && w > 0 ? w : 0).ToArray();
        var remaining = Enumerable.Range(0, usable.Length).ToList();
        var uniform = usable.All(w => w == 0);
        var picked = new List<int>(Math.Min(count, usable.Length));
        while (picked.Count < count && remaining.Count > 0)
        {
            var position = uniform ? random.NextIndex(remaining.Count) : WeightedPosition(remaining, usable, random);
            if (position < 0)
            {
                break;
            }
            picked.Add(remaining[position]);
            remaining.RemoveAt(position);
        }
        return picked;
    }

    /// <summary>The position in <paramref name="remaining"/> of the drawn candidate, or -1 when no weight is left.</summary>
    private static int WeightedPosition(List<int> remaining, double[] weights, SelectionRandom random)
    {
        var total = remaining.Sum(i => weights[i]);
        if (total <= 0)
        {
            return -1;
        }
        var target = random.NextDouble() * total;
        var lastPositive = -1;
        var cumulative = 0.0;
        for (var position = 0; position < remaining.Count; position++)
        {
            var weight = weights[remaining[position]];
            if (weight <= 0)
            {
                continue;
            }
            lastPositive = position;
            cumulative += weight;
            if (target < cumulative)
            {
                return position;
            }
        }
        // Rounding can leave the target a hair above the running sum: the last positive candidate takes it.
        return lastPositive;
    }
}
