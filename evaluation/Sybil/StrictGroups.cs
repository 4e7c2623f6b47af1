namespace Loosh.Evaluation.Sybil;

/// <summary>
/// Strict group detection (evaluation.md §7.6): connected components of the graph whose edges join eligible answers
/// at or above the high threshold, each pruned until its weakest member is at least 0.90 similar to all others.
/// Pruning uses the full similarity matrix, not only the edges, so a chain a–b–c with a weak a–c loses an end.
/// </summary>
internal static class StrictGroups
{
    public static IReadOnlyList<SybilGroup> Find(IReadOnlyList<SybilAnswer> answers, double[,] similarities, IReadOnlyList<int> eligible, double high)
    {
        var groups = new List<SybilGroup>();
        foreach (var component in Components(similarities, eligible, high))
        {
            var members = Prune(answers, similarities, component);
            if (members.Count >= SybilDetector.MinGroupSize)
            {
                groups.Add(Describe(answers, similarities, members));
            }
        }
        // Groups are disjoint, so their first hotkeys differ and the tie-break is total.
        return [.. groups.OrderByDescending(g => g.AverageSimilarity).ThenBy(g => g.Hotkeys[0], StringComparer.Ordinal)];
    }

    /// <summary>Breadth-first components of size ≥ 2 among the eligible answers.</summary>
    private static List<List<int>> Components(double[,] similarities, IReadOnlyList<int> eligible, double high)
    {
        var visited = new HashSet<int>();
        var components = new List<List<int>>();
        foreach (var start in eligible)
        {
            if (!visited.Add(start))
            {
                continue;
            }
            var component = new List<int>();
            var queue = new Queue<int>([start]);
            while (queue.TryDequeue(out var node))
            {
                component.Add(node);
                foreach (var neighbour in eligible)
                {
                    if (neighbour != node && similarities[node, neighbour] >= high && visited.Add(neighbour))
                    {
                        queue.Enqueue(neighbour);
                    }
                }
            }
            if (component.Count >= SybilDetector.MinGroupSize)
            {
                components.Add(component);
            }
        }
        return components;
    }

    /// <summary>
    /// While the group has at least two members and its weakest member's lowest similarity to the others is below
    /// 0.90, removes that member. The weakest link always ties its two ends; the reference removes whichever comes
    /// first in breadth-first order, which follows answer arrival order, so here the ordinal-lowest hotkey goes.
    /// </summary>
    private static List<int> Prune(IReadOnlyList<SybilAnswer> answers, double[,] similarities, List<int> component)
    {
        var members = new List<int>(component);
        while (members.Count >= SybilDetector.MinGroupSize)
        {
            var (weakest, weakestMin) = (-1, double.PositiveInfinity);
            foreach (var member in members)
            {
                var lowest = members.Where(other => other != member).Min(other => similarities[member, other]);
                if (lowest < weakestMin
                    || (lowest == weakestMin && string.CompareOrdinal(answers[member].Hotkey, answers[weakest].Hotkey) < 0))
                {
                    (weakest, weakestMin) = (member, lowest);
                }
            }
            if (weakestMin >= SybilDetector.MinInternalSimilarity)
            {
                break;
            }
            members.Remove(weakest);
        }
        return members;
    }

    /// <summary>The group's hotkeys, texts and pairwise statistics (pairs summed in answer order).</summary>
    private static SybilGroup Describe(IReadOnlyList<SybilAnswer> answers, double[,] similarities, List<int> members)
    {
        members.Sort();
        var pairwise = new List<double>();
        for (var a = 0; a < members.Count; a++)
        {
            for (var b = a + 1; b < members.Count; b++)
            {
                pairwise.Add(similarities[members[a], members[b]]);
            }
        }
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            texts[answers[member].Hotkey] = answers[member].Text;
        }
        return new SybilGroup([.. texts.Keys], pairwise.Average(), pairwise.Min(), pairwise.Max(), texts);
    }
}
