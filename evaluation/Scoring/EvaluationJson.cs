using System.Text.Json.Nodes;
using Loosh.Evaluation.Consensus;
using Loosh.Evaluation.Quality;
using Loosh.Evaluation.Sybil;

namespace Loosh.Evaluation.Scoring;

/// <summary>
/// An evaluation report as JSON for people (the <c>evaluate</c> command, the ledger): θ, who is in consensus and why,
/// each answer's quality signals and emission, and the sybil findings, in a stable order.
/// </summary>
public static class EvaluationJson
{
    public static JsonObject Write(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["challenge_id"] = report.ChallengeId,
            ["profile"] = report.Profile,
            ["model"] = report.Model,
            ["path"] = Snake(report.Path.ToString()),
            ["consensus_score"] = report.ConsensusScore,
            ["best_miner"] = report.BestMinerHotkey,
            ["emissions"] = new JsonObject(report.Emissions.Select(e => KeyValuePair.Create(e.Hotkey, (JsonNode?)e.Emission))),
            ["consensus"] = report.Consensus is { } consensus ? Consensus(consensus) : null,
            ["answers"] = new JsonArray([.. report.Answers.Select(Answer)]),
            ["sybil"] = report.Sybil is { } sybil ? Sybil(sybil) : null,
        };
    }

    private static JsonObject Consensus(ConsensusResult consensus) => new()
    {
        ["theta"] = consensus.Theta,
        ["mean"] = consensus.Mean,
        ["standard_deviation"] = consensus.StandardDeviation,
        ["consensus_achieved"] = consensus.ConsensusAchieved,
        ["weighted_score"] = consensus.WeightedScore,
        ["in_consensus"] = Strings(consensus.InConsensus),
        ["out_of_consensus"] = Strings(consensus.OutOfConsensus),
        ["quality_filtered"] = Strings(consensus.Diagnostics.QualityFiltered),
        ["outliers"] = Strings(consensus.Diagnostics.Outliers),
        ["outlier_factors"] = new JsonObject(consensus.Diagnostics.OutlierFactors.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))),
        ["garbage_reversal"] = consensus.Diagnostics.GarbageReversal,
        ["garbage_alert"] = consensus.Diagnostics.GarbageAlert,
        ["clusters"] = new JsonArray([.. consensus.Diagnostics.Clusters.Select(c => (JsonNode)Strings(c))]),
    };

    private static JsonObject Answer(AnswerAssessment answer) => new()
    {
        ["hotkey"] = answer.Hotkey,
        ["uid"] = answer.Uid,
        ["test_mode"] = answer.IsTestMode,
        ["prompt_relevance"] = answer.PromptRelevance,
        ["quality"] = answer.Quality is { } quality ? Quality(quality) : null,
        ["in_consensus"] = answer.InConsensus,
        ["individual_score"] = answer.IndividualScore,
        ["emission"] = answer.Emission,
    };

    private static JsonObject Quality(QualityBreakdown quality) => new()
    {
        ["quality"] = quality.Quality,
        ["raw_relevance"] = quality.RawRelevance,
        ["relevance"] = quality.Relevance,
        ["sentence_relevance"] = quality.SentenceRelevance,
        ["prompt_coverage"] = quality.PromptCoverage,
        ["keyword_coverage"] = quality.KeywordCoverage,
        ["coherence"] = quality.Coherence,
        ["complexity"] = quality.Complexity,
        ["density"] = quality.Density,
        ["specificity"] = quality.Specificity,
        ["sentences"] = quality.SentenceCount,
        ["gated_by_relevance"] = quality.GatedByRelevance,
    };

    private static JsonObject Sybil(SybilDetection sybil) => new()
    {
        ["high_similarity_threshold"] = sybil.Thresholds.High,
        ["very_high_similarity_threshold"] = sybil.Thresholds.VeryHigh,
        ["pairs"] = new JsonArray([.. sybil.Pairs.Select(p => (JsonNode)new JsonObject
        {
            ["hotkeys"] = Strings([p.Hotkey1, p.Hotkey2]),
            ["similarity"] = p.Similarity,
            ["method"] = p.Method.WireName(),
            ["semantic"] = p.Views.Semantic,
            ["lexical"] = p.Views.Lexical,
            ["structural"] = p.Views.Structural,
            ["trajectory"] = p.Views.Trajectory,
        })]),
        ["groups"] = new JsonArray([.. sybil.Groups.Select(g => (JsonNode)new JsonObject
        {
            ["hotkeys"] = Strings(g.Hotkeys),
            ["average_similarity"] = g.AverageSimilarity,
            ["min_similarity"] = g.MinSimilarity,
            ["max_similarity"] = g.MaxSimilarity,
        })]),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    private static string Snake(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
