namespace Loosh.Evaluation.Scoring;

/// <summary>
/// Which score-changing improvements over the reference are switched on. Every validator on a subnet should pay
/// miners by the same rules, so the default is <see cref="Reference"/> (the reference's scoring, evaluation.md §3–§6)
/// and anything else is an operator's explicit choice (<c>SCORING_PROFILE</c>).
/// </summary>
/// <param name="Name">The profile's name as configured.</param>
/// <param name="QualityGatedEmissions">An answer below the quality threshold earns 0, and every other answer's
/// emission is multiplied by its quality (§14.1: in the reference a garbage answer still earns its speed share).</param>
/// <param name="LoneSurvivorTheta">When exactly one answer survives the consensus filters, θ is that answer's quality
/// instead of 0 (§14.2: the reference pays everyone 0, including the one good answer).</param>
/// <param name="ZeroForUnanswered">A chosen miner that timed out or failed is recorded with emission 0, so its moving
/// average falls (§14.5: the reference leaves it out and its average never moves).</param>
/// <param name="NormalizedQualityWeights">The quality composite uses weights that sum to 1 instead of the production
/// map that sums to 1.4 and saturates (§3.3, §14.7).</param>
public sealed record ScoringProfile(
    string Name,
    bool QualityGatedEmissions,
    bool LoneSurvivorTheta,
    bool ZeroForUnanswered,
    bool NormalizedQualityWeights)
{
    /// <summary>The reference validator's scoring, bit for bit where the reference is deterministic (the default).</summary>
    public static ScoringProfile Reference { get; } = new("reference", false, false, false, false);

    /// <summary>All four improvements: pay for quality, keep a lone good answer, count silence as 0, normalised weights.</summary>
    public static ScoringProfile QualityGated { get; } = new("quality-gated", true, true, true, true);

    /// <summary>The known profiles, by name.</summary>
    public static IReadOnlyList<ScoringProfile> All { get; } = [Reference, QualityGated];

    /// <summary>The profile called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No profile has that name; the message lists the known ones.</exception>
    public static ScoringProfile Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown scoring profile '{name}'; known profiles: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
    }
}
