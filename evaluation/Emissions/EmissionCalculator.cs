namespace Loosh.Evaluation.Emissions;

/// <summary>
/// Per-challenge emissions (evaluation.md §6): the reference's <c>_calculate_emissions</c> and the trivial cases
/// around it, as pure functions over the consensus stage's outputs so they can be tested without embeddings.
/// </summary>
public static class EmissionCalculator
{
    /// <summary>Multiplier for answers in the consensus cluster (reference <c>EMISSION_CONSENSUS_BONUS</c>, evaluation.md §10).</summary>
    public const double ConsensusBonus = 1.2;

    /// <summary>Scale applied to the top score gap before tanh (reference <c>EMISSION_SCORE_DIFF_SCALE_FACTOR</c>, §10).</summary>
    public const double ScoreDiffScaleFactor = 0.1;

    /// <summary>Largest bonus the tanh term can add (reference <c>EMISSION_SCORE_DIFF_MAX_BONUS</c>, §10).</summary>
    public const double ScoreDiffMaxBonus = 0.5;

    /// <summary>Cap on the score-gap multiplier (reference <c>EMISSION_SCORE_DIFF_MAX_MULTIPLIER</c>, §10).</summary>
    public const double ScoreDiffMaxMultiplier = 1.5;

    /// <summary>A lone answer below this prompt relevance earns 0 (reference <c>QUALITY_SINGLE_MINER_MIN_RELEVANCE</c>, §6.3, §10).</summary>
    public const double SingleMinerMinRelevance = 0.20;

    /// <summary>Emission (and θ) of a lone answer that passes the relevance gate (reference hard-codes 1.0, §6.3).</summary>
    public const double SingleAnswerEmission = 1.0;

    /// <summary>Prefix marking an answer as test mode, matched after trimming (reference, §6.1).</summary>
    public const string TestModePrefix = "[TEST MODE]";

    /// <summary>True when the answer text, trimmed, starts with <see cref="TestModePrefix"/> (§6.1).</summary>
    public static bool IsTestModeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().StartsWith(TestModePrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// The score-gap multiplier <c>min(1 + 0.5·tanh(0.1·Δ), 1.5)</c>, or 1 when Δ ≤ 0 (§6.2, E6).
    /// </summary>
    public static double ScoreDifferenceMultiplier(double gap)
    {
        if (!(gap > 0))
        {
            return 1.0;
        }
        return Math.Min(1.0 + ScoreDiffMaxBonus * Math.Tanh(gap * ScoreDiffScaleFactor), ScoreDiffMaxMultiplier);
    }

    /// <summary>
    /// Emissions when the consensus stage ran (two or more evaluated answers) or when no answer was evaluated
    /// (none at all, or all test mode). The multi-answer formula is
    /// <c>e_i = (1 − t_i/T)·θ</c>, ×1.2 in consensus, ×M for the top individual score (§6.2).
    /// </summary>
    /// <exception cref="ArgumentException">Exactly one answer is not test mode (use <see cref="ComputeSingle"/>),
    /// hotkeys repeat, or a response time is negative or not finite.</exception>
    public static ChallengeEmissions Compute(IReadOnlyList<EmissionAnswer> answers, ConsensusOutcome consensus)
    {
        ArgumentNullException.ThrowIfNull(consensus);
        var (valid, testMode) = Split(answers);
        if (valid.Count == 0)
        {
            // No answers: nothing evaluated. All test mode: every one gets 0 and θ = 0 (§6.1).
            return Finish(0.0, [], testMode);
        }
        if (valid.Count == 1)
        {
            throw new ArgumentException("A single evaluated answer is paid by ComputeSingle, not by the consensus formula.", nameof(answers));
        }

        var theta = consensus.Theta;
        var total = 0.0;
        foreach (var answer in valid)
        {
            total += answer.ResponseTimeMs;
        }

        var (topHotkey, multiplier) = TopScoreBonus(consensus.IndividualScores);
        var emissions = new List<MinerEmission>(valid.Count);
        foreach (var answer in valid)
        {
            // Deviation: the reference divides by T = 0 and the whole evaluation fails, storing nothing (§6.2,
            // §12). All times being zero means every answer was equally fast, so each gets the equal-times
            // share 1 − 1/n, the same as for any other set of equal times.
            var timeRatio = total > 0 ? 1.0 - answer.ResponseTimeMs / total : 1.0 - 1.0 / valid.Count;
            var emission = timeRatio * theta;
            if (consensus.InConsensus.Contains(answer.Hotkey))
            {
                emission *= ConsensusBonus;
            }
            if (answer.Hotkey == topHotkey)
            {
                emission *= multiplier;
            }
            emissions.Add(new MinerEmission(answer.Hotkey, answer.Uid, emission));
        }
        return Finish(theta, emissions, testMode);
    }

    /// <summary>
    /// Emissions when exactly one answer is evaluated: 1.0 (and θ = 1.0) when its prompt relevance
    /// <c>cos(prompt, answer)</c> is at least 0.20, else 0 (and θ = 0); test-mode answers get 0 (§6.3).
    /// </summary>
    /// <exception cref="ArgumentException">The number of answers that are not test mode is not exactly one,
    /// hotkeys repeat, or a response time is negative or not finite.</exception>
    public static ChallengeEmissions ComputeSingle(IReadOnlyList<EmissionAnswer> answers, double promptRelevance)
    {
        var (valid, testMode) = Split(answers);
        if (valid.Count != 1)
        {
            throw new ArgumentException($"ComputeSingle needs exactly one evaluated answer, got {valid.Count}.", nameof(answers));
        }
        var emission = promptRelevance >= SingleMinerMinRelevance ? SingleAnswerEmission : 0.0;
        var answer = valid[0];
        return Finish(emission, [new MinerEmission(answer.Hotkey, answer.Uid, emission)], testMode);
    }

    /// <summary>
    /// The best miner: the highest emission, or null when every emission is ≤ 0 (§1 step 7).
    /// Deviation: the reference keeps the first maximum in dictionary order, which is the miners' completion
    /// order and so depends on network timing; ties here go to the lowest UID, then the ordinal-lowest hotkey.
    /// </summary>
    public static string? BestMiner(IReadOnlyList<MinerEmission> emissions)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        MinerEmission? best = null;
        foreach (var candidate in emissions)
        {
            if (best is null
                || candidate.Emission > best.Emission
                || (candidate.Emission == best.Emission && IsPreferredOnTie(candidate, best)))
            {
                best = candidate;
            }
        }
        return best is not null && best.Emission > 0 ? best.Hotkey : null;
    }

    private static bool IsPreferredOnTie(MinerEmission candidate, MinerEmission current) =>
        candidate.Uid < current.Uid
        || (candidate.Uid == current.Uid && string.CompareOrdinal(candidate.Hotkey, current.Hotkey) < 0);

    /// <summary>
    /// The hotkey with the top individual score and its multiplier. The reference sorts descending with a stable
    /// sort and takes the first; a tie at the top means Δ = 0 and multiplier 1, so the order never matters.
    /// </summary>
    private static (string? Hotkey, double Multiplier) TopScoreBonus(IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count < 2)
        {
            return (null, 1.0);
        }
        string? topHotkey = null;
        var top = double.NegativeInfinity;
        var second = double.NegativeInfinity;
        foreach (var (hotkey, score) in scores)
        {
            if (topHotkey is null || score > top)
            {
                second = topHotkey is null ? second : top;
                top = score;
                topHotkey = hotkey;
            }
            else if (score > second)
            {
                second = score;
            }
        }
        return (topHotkey, ScoreDifferenceMultiplier(top - second));
    }

    private static (List<EmissionAnswer> Valid, List<EmissionAnswer> TestMode) Split(IReadOnlyList<EmissionAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<EmissionAnswer>();
        var testMode = new List<EmissionAnswer>();
        foreach (var answer in answers)
        {
            ArgumentNullException.ThrowIfNull(answer);
            if (!seen.Add(answer.Hotkey))
            {
                throw new ArgumentException($"Hotkey {answer.Hotkey} answers more than once.", nameof(answers));
            }
            if (!double.IsFinite(answer.ResponseTimeMs) || answer.ResponseTimeMs < 0)
            {
                throw new ArgumentException($"Response time {answer.ResponseTimeMs} of {answer.Hotkey} must be finite and not negative.", nameof(answers));
            }
            (answer.IsTestMode ? testMode : valid).Add(answer);
        }
        return (valid, testMode);
    }

    private static ChallengeEmissions Finish(double theta, List<MinerEmission> emissions, List<EmissionAnswer> testMode)
    {
        foreach (var answer in testMode)
        {
            emissions.Add(new MinerEmission(answer.Hotkey, answer.Uid, 0.0));
        }
        return new ChallengeEmissions(theta, emissions, BestMiner(emissions));
    }
}
