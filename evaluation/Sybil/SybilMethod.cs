namespace Loosh.Evaluation.Sybil;

/// <summary>Which view flagged a pair (the reference's <c>detection_method</c>, evaluation.md §7.3–7.5).</summary>
public enum SybilMethod
{
    /// <summary>Document-embedding cosine at or above the adaptive high threshold.</summary>
    Semantic,

    /// <summary>Two of the three views (semantic, lexical, structural) above their fixed thresholds.</summary>
    Fusion,

    /// <summary>Sentence-trajectory fingerprints pointing the same way.</summary>
    Trajectory,
}

/// <summary>The wire names of <see cref="SybilMethod"/>.</summary>
public static class SybilMethodNames
{
    /// <summary>The reference's lower-case name: <c>semantic</c>, <c>fusion</c> or <c>trajectory</c>.</summary>
    public static string WireName(this SybilMethod method) => method switch
    {
        SybilMethod.Semantic => "semantic",
        SybilMethod.Fusion => "fusion",
        SybilMethod.Trajectory => "trajectory",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown detection method."),
    };
}
