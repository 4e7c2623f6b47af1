namespace Loosh.Evaluation.Quality;

/// <summary>
/// One answer's quality and the signals behind it (evaluation.md §3.2–§3.5). The reference also reports answer
/// shape, topic drift, break count, graph coherence, path length, curvature, missing parts and marker count; none
/// of them reaches the composite (§3.2 "A port may skip them", §14 item 18), so they are not computed here.
/// </summary>
/// <param name="Quality">Composite quality in [0, 1] after the relevance gate; what the consensus filter compares with its threshold.</param>
/// <param name="RawRelevance">Document-level prompt relevance <c>cos(prompt, answer)</c> (r_doc), also the gate's input.</param>
/// <param name="Relevance">Blended relevance <c>0.4·r_doc + 0.4·r_sent + 0.2·coverage</c>.</param>
/// <param name="SentenceRelevance">Mean cosine to the prompt of the best half of the sentences (r_sent), or r_doc.</param>
/// <param name="PromptCoverage">Fraction of prompt components the answer covers, or the interim relevance when the prompt has no components.</param>
/// <param name="KeywordCoverage">Fraction of the prompt's TF-IDF keywords found in the answer, or r_doc when there are none.</param>
/// <param name="Coherence">Embedding-chain coherence, or the heuristic coherence without sentence embeddings.</param>
/// <param name="Complexity">Gated reasoning complexity.</param>
/// <param name="Density">Share of content words.</param>
/// <param name="Specificity">Digits, proper nouns, long words and structure punctuation.</param>
/// <param name="SentenceCount">Number of kept sentences (three words or more).</param>
/// <param name="GatedByRelevance">True when <see cref="RawRelevance"/> was below the gate and <see cref="Quality"/> was forced to 0.</param>
public sealed record QualityBreakdown(
    double Quality,
    double RawRelevance,
    double Relevance,
    double SentenceRelevance,
    double PromptCoverage,
    double KeywordCoverage,
    double Coherence,
    double Complexity,
    double Density,
    double Specificity,
    int SentenceCount,
    bool GatedByRelevance);
