using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Consensus;

/// <summary>
/// The engine's validated view of the answers: parallel arrays indexed by input position, the qualities and entity
/// weights as the settings say to use them, and the full similarity matrix of every answer (the steps work on
/// index subsets of it, so nothing is recomputed when the survivors shrink).
/// </summary>
internal sealed class AnswerSet
{
    private AnswerSet(IReadOnlyList<ConsensusAnswer> answers, double[]? qualities, double[] entityWeights)
    {
        Answers = answers;
        Qualities = qualities;
        EntityWeights = entityWeights;
        Similarities = VectorMath.SimilarityMatrix(answers.Select(a => a.Embedding).ToArray());
    }

    /// <summary>The answers in input order.</summary>
    public IReadOnlyList<ConsensusAnswer> Answers { get; }

    /// <summary>Number of answers.</summary>
    public int Count => Answers.Count;

    /// <summary>The semantic qualities, or null when the word-length paths apply.</summary>
    public double[]? Qualities { get; }

    /// <summary>Entity weights, 1 where unknown or when caps are off.</summary>
    public double[] EntityWeights { get; }

    /// <summary>Cosine similarities of all answers, diagonal 1.</summary>
    public double[,] Similarities { get; }

    /// <summary>Validates the answers and resolves which quality and entity values the steps use.</summary>
    /// <exception cref="ArgumentException">Hotkeys repeat, embeddings are empty or differ in length, only some
    /// answers carry a quality, or a quality, entity weight or word count is out of range.</exception>
    public static AnswerSet Create(IReadOnlyList<ConsensusAnswer> answers, ConsensusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(settings);
        var hotkeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            Validate(answer);
            if (answer.Embedding.Length != answers[0].Embedding.Length)
            {
                throw new ArgumentException($"The embedding of {answer.Hotkey} differs in length from the first answer's.", nameof(answers));
            }
            if (!hotkeys.Add(answer.Hotkey))
            {
                throw new ArgumentException($"Hotkey {answer.Hotkey} answers more than once.", nameof(answers));
            }
        }

        var withQuality = answers.Count(a => a.Quality is not null);
        if (withQuality != 0 && withQuality != answers.Count)
        {
            throw new ArgumentException("Either every answer carries a quality or none does.", nameof(answers));
        }
        var qualities = settings.EnableSemanticQuality && withQuality > 0
            ? answers.Select(a => a.Quality!.Value).ToArray()
            : null;
        var entityWeights = answers.Select(a => settings.UseEntityCaps ? a.EntityWeight ?? 1.0 : 1.0).ToArray();
        return new AnswerSet(answers, qualities, entityWeights);
    }

    /// <summary>The hotkeys at the given positions, in the order given.</summary>
    public IReadOnlyList<string> HotkeysOf(IEnumerable<int> indices) => indices.Select(i => Answers[i].Hotkey).ToArray();

    /// <summary>Mean semantic quality at the given positions; only meaningful when <see cref="Qualities"/> is set.</summary>
    public double MeanQuality(IReadOnlyCollection<int> indices) => indices.Sum(i => Qualities![i]) / indices.Count;

    private static void Validate(ConsensusAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(answer.Hotkey);
        ArgumentNullException.ThrowIfNull(answer.Embedding);
        if (answer.Embedding.Length == 0)
        {
            throw new ArgumentException($"The embedding of {answer.Hotkey} is empty.", nameof(answer));
        }
        if (answer.Quality is { } quality && !double.IsFinite(quality))
        {
            throw new ArgumentException($"The quality of {answer.Hotkey} is not finite.", nameof(answer));
        }
        if (answer.EntityWeight is { } weight && !(weight > 0 && double.IsFinite(weight)))
        {
            throw new ArgumentException($"The entity weight of {answer.Hotkey} must be positive and finite.", nameof(answer));
        }
        if (answer.WordCount < 0)
        {
            throw new ArgumentException($"The word count of {answer.Hotkey} is negative.", nameof(answer));
        }
    }
}
