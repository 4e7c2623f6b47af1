using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Text;
using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Quality;

/// <summary>
/// The reference's embedding-aware quality scorer (<c>EvaluationQualityScorer</c>, evaluation.md §3) with the
/// relevance gate the consensus engine applies to its output (§3.5). Scoring is split in two so an evaluation can
/// embed every distinct text once: <see cref="TextsToEmbed"/> lists what <see cref="Score"/> will look up.
/// </summary>
/// <remarks>
/// The switches the reference reads are fixed at their production values and not configurable here: prompt
/// coverage on (<c>QUALITY_PROMPT_COVERAGE_ENABLED</c>), embedding-chain coherence on
/// (<c>QUALITY_COHERENCE_EMBEDDING_CHAIN</c>), complexity on (<c>QUALITY_COMPLEXITY_ENABLED</c>). Vectors in the
/// embedding table are unit length (<see cref="ITextEmbedder"/>), so cosines between them are dot products.
/// </remarks>
public static class QualityScorer
{
    /// <summary>
    /// Document-level prompt relevance below which quality is forced to 0 (reference
    /// <c>QUALITY_MIN_RAW_PROMPT_RELEVANCE</c>, §3.5, §10).
    /// </summary>
    public const double MinRawPromptRelevance = 0.20;

    /// <summary>A prompt component counts as covered from this cosine on (reference <c>QUALITY_COVERAGE_THRESHOLD</c>, §10).</summary>
    public const double CoverageThreshold = 0.45;

    /// <summary>Weight of r_doc in relevance (reference <c>QUALITY_RELEVANCE_DOC_BLEND</c>, §10).</summary>
    public const double RelevanceDocBlend = 0.4;

    /// <summary>Weight of r_sent in relevance (reference <c>QUALITY_RELEVANCE_SENTENCE_BLEND</c>, §10).</summary>
    public const double RelevanceSentenceBlend = 0.4;

    /// <summary>Weight of coverage in relevance (reference <c>QUALITY_RELEVANCE_COVERAGE_BLEND</c>, §10).</summary>
    public const double RelevanceCoverageBlend = 0.2;

    /// <summary>
    /// Every text <see cref="Score"/> looks up, in this order: the prompt as given, its components
    /// (<see cref="PromptComponents.Decompose"/>), each answer as given, and the kept sentences
    /// (<see cref="Sentences.Split"/>) of each answer that has two or more. Texts may repeat; the embedding
    /// table embeds each distinct text once.
    /// </summary>
    /// <remarks>
    /// The reference also embeds the sentence of a one-sentence answer, but never reads that vector (every
    /// sentence-level signal needs two sentences), so it is left out here.
    /// </remarks>
    public static IReadOnlyList<string> TextsToEmbed(string prompt, IReadOnlyList<string> answers)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(answers);
        var texts = new List<string>(1 + 2 * answers.Count) { prompt };
        texts.AddRange(PromptComponents.Decompose(prompt));
        texts.AddRange(answers);
        foreach (var answer in answers)
        {
            var sentences = Sentences.Split(answer);
            if (sentences.Count >= 2)
            {
                texts.AddRange(sentences);
            }
        }
        return texts;
    }

    /// <summary>
    /// Scores every answer against the prompt, in answer order. The prompt, its components and the answers must
    /// be in <paramref name="embeddings"/>; an answer whose sentences are not all there is scored as the
    /// reference scores answers when its sentence embedding call fails (heuristic coherence, marker-based
    /// complexity, document-only relevance and coverage).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The prompt, a component or an answer was not embedded; the caller
    /// may then fall back to <see cref="HeuristicQuality"/>, as the reference does when its scorer throws.</exception>
    public static IReadOnlyList<QualityBreakdown> Score(string prompt, IReadOnlyList<string> answers, EmbeddedTexts embeddings, QualityWeights weights)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(weights);
        if (answers.Count == 0)
        {
            return [];
        }

        var promptVector = embeddings[prompt];
        var components = PromptComponents.Decompose(prompt);
        var componentVectors = new float[components.Count][];
        for (var i = 0; i < components.Count; i++)
        {
            componentVectors[i] = embeddings[components[i]];
        }
        var keywords = KeywordCoverage.PromptKeywords(prompt, answers);

        var breakdowns = new QualityBreakdown[answers.Count];
        for (var i = 0; i < answers.Count; i++)
        {
            breakdowns[i] = ScoreAnswer(answers[i], embeddings, promptVector, componentVectors, keywords, weights);
        }
        return breakdowns;
    }

    private static QualityBreakdown ScoreAnswer(
        string answer,
        EmbeddedTexts embeddings,
        float[] promptVector,
        float[][] componentVectors,
        IReadOnlyList<string> keywords,
        QualityWeights weights)
    {
        var sentences = Sentences.Split(answer);
        var document = embeddings[answer];
        var sentenceVectors = SentenceVectors(sentences, embeddings);

        var rawRelevance = VectorMath.Dot(promptVector, document);
        var sentenceRelevance = sentenceVectors is null ? rawRelevance : TopHalfMeanSimilarity(promptVector, sentenceVectors);
        var keywordCoverage = keywords.Count > 0 ? KeywordCoverage.Fraction(answer, keywords) : rawRelevance;

        // Without prompt components the reference keeps the interim relevance, blended with keyword coverage,
        // in the coverage slot; that is the only way keyword coverage reaches the composite.
        var coverage = componentVectors.Length > 0
            ? PromptCoverage(componentVectors, document, sentenceVectors)
            : Blend(rawRelevance, sentenceRelevance, keywordCoverage);
        var relevance = Blend(rawRelevance, sentenceRelevance, coverage);

        var coherence = sentenceVectors is null ? LexicalSignals.HeuristicCoherence(answer) : SentenceCoherence.Score(sentenceVectors);
        var complexity = ReasoningComplexity.Score(answer, sentences.Count, sentenceVectors, relevance, coherence);
        var density = LexicalSignals.Density(answer);
        var specificity = LexicalSignals.Specificity(answer);

        var gated = rawRelevance < MinRawPromptRelevance;
        var quality = gated ? 0.0 : QualityComposite.Combine(weights, relevance, coherence, coverage, complexity, density, specificity);
        return new QualityBreakdown(
            quality, rawRelevance, relevance, sentenceRelevance, coverage, keywordCoverage,
            coherence, complexity, density, specificity, sentences.Count, gated);
    }

    /// <summary><c>0.4·r_doc + 0.4·r_sent + 0.2·third</c>.</summary>
    private static double Blend(double documentRelevance, double sentenceRelevance, double third) =>
        RelevanceDocBlend * documentRelevance + RelevanceSentenceBlend * sentenceRelevance + RelevanceCoverageBlend * third;

    /// <summary>
    /// The answer's sentence vectors when it has two or more kept sentences and all were embedded; otherwise
    /// null, which every signal treats as the reference treats a failed sentence embedding call.
    /// </summary>
    private static float[][]? SentenceVectors(IReadOnlyList<string> sentences, EmbeddedTexts embeddings)
    {
        if (sentences.Count < 2)
        {
            return null;
        }
        var vectors = new float[sentences.Count][];
        for (var i = 0; i < sentences.Count; i++)
        {
            if (!embeddings.Contains(sentences[i]))
            {
                return null;
            }
            vectors[i] = embeddings[sentences[i]];
        }
        return vectors;
    }

    /// <summary>r_sent: the mean cosine to the prompt of the best <c>max(1, ⌊n/2⌋)</c> sentences.</summary>
    private static double TopHalfMeanSimilarity(float[] promptVector, float[][] sentenceVectors)
    {
        var similarities = new double[sentenceVectors.Length];
        for (var i = 0; i < similarities.Length; i++)
        {
            similarities[i] = VectorMath.Dot(promptVector, sentenceVectors[i]);
        }
        Array.Sort(similarities);
        var k = Math.Max(1, similarities.Length / 2);
        var sum = 0.0;
        for (var i = similarities.Length - k; i < similarities.Length; i++)
        {
            sum += similarities[i];
        }
        return sum / k;
    }

    /// <summary>
    /// Share of prompt components whose best cosine to the response side — the document vector, plus the
    /// sentence vectors when there are any — reaches <see cref="CoverageThreshold"/>.
    /// </summary>
    private static double PromptCoverage(float[][] componentVectors, float[] document, float[][]? sentenceVectors)
    {
        var covered = 0;
        foreach (var component in componentVectors)
        {
            var best = VectorMath.Dot(component, document);
            foreach (var sentence in sentenceVectors ?? [])
            {
                best = Math.Max(best, VectorMath.Dot(component, sentence));
            }
            if (best >= CoverageThreshold)
            {
                covered++;
            }
        }
        return (double)covered / componentVectors.Length;
    }
}
