namespace Loosh.Evaluation.Sybil;

/// <summary>Which value a fusion pair reports as its similarity.</summary>
public enum FusionScore
{
    /// <summary>
    /// The maximum of the semantic, lexical and structural values, as the reference does. Often the structural value,
    /// which is ≈ 1 for any two prose answers (evaluation.md §14.10). The default, for compatibility with the
    /// Challenge API's aggregation.
    /// </summary>
    MaxOfViews,

    /// <summary>The semantic (document-embedding) value, the one that means something.</summary>
    Semantic,
}
