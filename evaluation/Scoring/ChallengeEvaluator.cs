using Loosh.Evaluation.Consensus;
using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Emissions;
using Loosh.Evaluation.Quality;
using Loosh.Evaluation.Sybil;
using Loosh.Evaluation.Text;
using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Scoring;

/// <summary>
/// Evaluates one challenge's answers the way the reference's <c>evaluate_responses</c> does (evaluation.md §1, §3–§7):
/// test-mode answers out, the single-answer rule, or quality → consensus → emissions with sybil detection alongside.
/// Every text the scorers compare is gathered first and embedded in one call, so identical texts cost one model pass
/// and concurrent evaluations share the embedder's batches. Deterministic: the same request gives the same report.
/// </summary>
public sealed class ChallengeEvaluator(ITextEmbedder embedder, ScoringProfile profile)
{
    /// <summary>The profile this evaluator scores with.</summary>
    public ScoringProfile Profile { get; } = profile ?? throw new ArgumentNullException(nameof(profile));

    /// <summary>Evaluates <paramref name="request"/>.</summary>
    /// <exception cref="ArgumentException">Hotkeys repeat or a response time is negative or not finite.</exception>
    public async Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Deviation: the reference aborts the whole round on a null text (§12); here it is an empty answer, which
        // the relevance gate then scores 0.
        var answers = request.Answers.Select(a => a with { Text = a.Text ?? string.Empty }).ToArray();
        var emissionAnswers = answers
            .Select(a => new EmissionAnswer(a.Hotkey, a.Uid, a.ResponseTimeMs, EmissionCalculator.IsTestModeText(a.Text!)))
            .ToArray();
        var evaluated = answers.Where((_, i) => !emissionAnswers[i].IsTestMode).ToArray();

        return evaluated.Length switch
        {
            0 => Finish(request, answers, answers.Length == 0 ? EvaluationPath.NoAnswers : EvaluationPath.AllTestMode,
                EmissionCalculator.Compute(emissionAnswers, new ConsensusOutcome(0, new HashSet<string>(), new Dictionary<string, double>())),
                relevance: null, qualities: null, consensus: null, sybil: null, Empty, []),
            1 => await SingleAnswerAsync(request, answers, emissionAnswers, evaluated[0], cancellationToken).ConfigureAwait(false),
            _ => await ConsensusAsync(request, answers, emissionAnswers, evaluated, cancellationToken).ConfigureAwait(false),
        };
    }

    private static readonly double[,] Empty = new double[0, 0];

    private async Task<EvaluationReport> SingleAnswerAsync(
        EvaluationRequest request, AnswerToEvaluate[] answers, EmissionAnswer[] emissionAnswers, AnswerToEvaluate lone, CancellationToken ct)
    {
        var embeddings = await EmbeddedTexts.CreateAsync(embedder, [request.Prompt, lone.Text!], ct).ConfigureAwait(false);
        var relevance = VectorMath.Dot(embeddings[request.Prompt], embeddings[lone.Text!]);
        var emissions = EmissionCalculator.ComputeSingle(emissionAnswers, relevance);
        return Finish(request, answers, EvaluationPath.SingleAnswer, emissions,
            new Dictionary<string, double> { [lone.Hotkey] = relevance }, qualities: null, consensus: null, sybil: null, Empty, []);
    }

    private async Task<EvaluationReport> ConsensusAsync(
        EvaluationRequest request, AnswerToEvaluate[] answers, EmissionAnswer[] emissionAnswers, AnswerToEvaluate[] evaluated, CancellationToken ct)
    {
        var texts = evaluated.Select(a => a.Text!).ToArray();
        var embeddings = await EmbeddedTexts.CreateAsync(
            embedder, QualityScorer.TextsToEmbed(request.Prompt, texts).Concat(SybilDetector.TextsToEmbed(texts)), ct).ConfigureAwait(false);

        var weights = Profile.NormalizedQualityWeights ? QualityWeights.Normalized : QualityWeights.Production;
        var qualities = QualityScorer.Score(request.Prompt, texts, embeddings, weights);
        var documents = texts.Select(t => embeddings[t]).ToArray();
        var similarities = VectorMath.SimilarityMatrix(documents);
        var hotkeys = evaluated.Select(a => a.Hotkey).ToArray();

        var entityWeights = EntityCaps.Compute(hotkeys, Entities(evaluated));
        var consensus = ConsensusEngine.Evaluate(
            [.. evaluated.Select((a, i) => new ConsensusAnswer(
                a.Hotkey, a.Uid, documents[i], qualities[i].Quality, entityWeights[a.Hotkey], Sentences.WordCount(texts[i])))],
            ConsensusSettings.Default);

        var outcome = consensus.ToOutcome();
        if (Profile.LoneSurvivorTheta && consensus.InConsensus.Count == 1)
        {
            // §14.2: with one survivor the reference's θ is 0 and nobody is paid; this profile pays by its quality.
            var survivor = Array.IndexOf(hotkeys, consensus.InConsensus[0]);
            outcome = outcome with { Theta = qualities[survivor].Quality };
        }
        var emissions = EmissionCalculator.Compute(emissionAnswers, outcome);
        if (Profile.QualityGatedEmissions)
        {
            emissions = GateByQuality(emissions, hotkeys, qualities);
        }

        var sybil = SybilDetector.Detect([.. evaluated.Select(a => new SybilAnswer(a.Hotkey, a.Text!))], similarities, embeddings);
        var relevance = evaluated.Select((a, i) => (a.Hotkey, qualities[i].RawRelevance)).ToDictionary(p => p.Hotkey, p => p.RawRelevance, StringComparer.Ordinal);
        var byHotkey = evaluated.Select((a, i) => (a.Hotkey, qualities[i])).ToDictionary(p => p.Hotkey, p => p.Item2, StringComparer.Ordinal);
        return Finish(request, answers, EvaluationPath.Consensus, emissions, relevance, byHotkey, consensus, sybil, similarities, hotkeys);
    }

    /// <summary>
    /// §14.1 opt-in: an answer below the consensus quality threshold earns nothing and every other answer's emission is
    /// scaled by its quality, so speed alone no longer pays. Test-mode answers already earn 0.
    /// </summary>
    private static ChallengeEmissions GateByQuality(ChallengeEmissions emissions, string[] hotkeys, IReadOnlyList<QualityBreakdown> qualities)
    {
        var gated = emissions.Emissions.Select(e =>
        {
            var index = Array.IndexOf(hotkeys, e.Hotkey);
            if (index < 0)
            {
                return e;
            }
            var quality = qualities[index].Quality;
            return e with { Emission = quality >= ConsensusSettings.Default.QualityThreshold ? e.Emission * quality : 0.0 };
        }).ToArray();
        return emissions with { Emissions = gated, BestMinerHotkey = EmissionCalculator.BestMiner(gated) };
    }

    /// <summary>The IP and coldkey of each answer that has them, for the entity voting caps (§4.3).</summary>
    private static Dictionary<string, MinerEntity> Entities(IEnumerable<AnswerToEvaluate> answers) =>
        answers
            .Where(a => a.Ip is not null || a.Coldkey is not null)
            .ToDictionary(a => a.Hotkey, a => new MinerEntity(a.Ip ?? string.Empty, a.Coldkey ?? string.Empty), StringComparer.Ordinal);

    private EvaluationReport Finish(
        EvaluationRequest request,
        AnswerToEvaluate[] answers,
        EvaluationPath path,
        ChallengeEmissions emissions,
        IReadOnlyDictionary<string, double>? relevance,
        IReadOnlyDictionary<string, QualityBreakdown>? qualities,
        ConsensusResult? consensus,
        SybilDetection? sybil,
        double[,] similarities,
        IReadOnlyList<string> similarityHotkeys)
    {
        var emissionOf = emissions.Emissions.ToDictionary(e => e.Hotkey, e => e.Emission, StringComparer.Ordinal);
        var inConsensus = consensus?.InConsensus.ToHashSet(StringComparer.Ordinal) ?? [];
        var assessments = answers.Select(a => new AnswerAssessment(
            a.Hotkey,
            a.Uid,
            EmissionCalculator.IsTestModeText(a.Text!),
            Lookup(relevance, a.Hotkey),
            qualities?.GetValueOrDefault(a.Hotkey),
            inConsensus.Contains(a.Hotkey),
            Lookup(consensus?.IndividualScores, a.Hotkey),
            emissionOf.GetValueOrDefault(a.Hotkey))).ToArray();
        return new EvaluationReport(
            request.ChallengeId, Profile.Name, embedder.ModelName, path, emissions.ConsensusScore, emissions.Emissions,
            emissions.BestMinerHotkey, assessments, consensus, sybil, similarities, similarityHotkeys);
    }

    private static double? Lookup(IReadOnlyDictionary<string, double>? values, string hotkey) =>
        values is not null && values.TryGetValue(hotkey, out var value) ? value : null;
}
