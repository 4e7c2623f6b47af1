namespace Loosh.Evaluation.Consensus;

/// <summary>
/// The consensus engine's knobs (evaluation.md §4, §10). The defaults are the reference's HEAD values; each property
/// names the reference constant or hard-coded literal it stands for.
/// </summary>
public sealed record ConsensusSettings
{
    /// <summary>The reference's HEAD configuration.</summary>
    public static ConsensusSettings Default { get; } = new();

    /// <summary>
    /// Use the answers' semantic qualities (<c>CONSENSUS_ENABLE_SEMANTIC_QUALITY</c>). When off, or when the answers
    /// carry no qualities, nothing is filtered in step 1, outliers are simply dropped, θ uses entity weights only and
    /// individual scores use word length instead of quality.
    /// </summary>
    public bool EnableSemanticQuality { get; init; } = true;

    /// <summary>Answers with a lower quality are filtered in step 1 (<c>CONSENSUS_QUALITY_THRESHOLD</c>).</summary>
    public double QualityThreshold { get; init; } = 0.35;

    /// <summary>
    /// Outliers whose mean quality beats the inliers' by more than this are kept instead of the inliers
    /// (<c>CONSENSUS_OUTLIER_QUALITY_DELTA</c>, "garbage consensus detected").
    /// </summary>
    public double OutlierQualityDelta { get; init; } = 0.15;

    /// <summary>λ in θ = μ + λσ (<c>CONSENSUS_LAMBDA_FACTOR</c>).</summary>
    public double LambdaFactor { get; init; } = 1.0;

    /// <summary>Consensus counts as achieved when θ is strictly above this (<c>CONSENSUS_THRESHOLD_MIN</c>).</summary>
    public double ThresholdMin { get; init; } = 0.7;

    /// <summary>Scale and cap of the diversity bonus (<c>CONSENSUS_MAX_DIVERSITY_BONUS</c>); 0 turns it off.</summary>
    public double MaxDiversityBonus { get; init; } = 0.15;

    /// <summary>Only answers with a quality strictly above this earn a diversity bonus (reference hard-codes 0.6).</summary>
    public double DiversityQualityFloor { get; init; } = 0.6;

    /// <summary>Survivors with a lower mean quality raise the garbage alert (<c>CONSENSUS_GARBAGE_CLUSTER_THRESHOLD</c>).</summary>
    public double GarbageClusterThreshold { get; init; } = 0.4;

    /// <summary>
    /// Step 2 runs only with at least this many valid answers and this many survivors of step 1
    /// (<c>CONSENSUS_MIN_RESPONSES_FOR_OUTLIER_DETECTION</c>; the reference hard-codes the same 3 for survivors).
    /// </summary>
    public int MinResponsesForOutlierDetection { get; init; } = 3;

    /// <summary>
    /// Step 3 runs only with at least this many valid answers (<c>CONSENSUS_MIN_RESPONSES_FOR_CLUSTERING</c>); it
    /// also needs two survivors, since one answer cannot be clustered.
    /// </summary>
    public int MinResponsesForClustering { get; init; } = 2;

    /// <summary>Neighbours k of the Local Outlier Factor, capped at survivors − 1 (reference hard-codes 2).</summary>
    public int OutlierNeighbours { get; init; } = 2;

    /// <summary>An answer is an outlier when its LOF is strictly above this (scikit-learn's <c>contamination="auto"</c>).</summary>
    public double OutlierFactorCut { get; init; } = 1.5;

    /// <summary>Average-linkage cut on 1 − cos for the dominant cluster (reference hard-codes 0.5).</summary>
    public double ClusterDistanceCut { get; init; } = 0.5;

    /// <summary>Weight of the mean similarity to the other survivors in a survivor's score (reference: 0.40).</summary>
    public double SimilarityWeight { get; init; } = 0.40;

    /// <summary>Weight of quality (or word-length quality) in a survivor's score (reference: 0.25).</summary>
    public double QualityWeight { get; init; } = 0.25;

    /// <summary>Weight of the confidence, always 1, in a survivor's score (reference: 0.15).</summary>
    public double ConfidenceWeight { get; init; } = 0.15;

    /// <summary>Flat bonus for being in consensus (reference: 0.10).</summary>
    public double ConsensusMembershipBonus { get; init; } = 0.10;

    /// <summary>Weight of the mean similarity to the survivors in a non-survivor's score (reference: 0.30).</summary>
    public double OutOfConsensusSimilarityWeight { get; init; } = 0.30;

    /// <summary>Weight of word-length quality in a non-survivor's score (reference: 0.25).</summary>
    public double OutOfConsensusLengthWeight { get; init; } = 0.25;

    /// <summary>Weight of the confidence, always 1, in a non-survivor's score (reference: 0.15).</summary>
    public double OutOfConsensusConfidenceWeight { get; init; } = 0.15;

    /// <summary>
    /// Honour the answers' entity weights (<c>ENTITY_VOTING_CAPS_ENABLED</c>); when off every answer counts as 1 in
    /// the cluster vote, θ's pair weights and the individual scores.
    /// </summary>
    public bool UseEntityCaps { get; init; } = true;
}
