using BenchmarkDotNet.Attributes;
using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Scoring;

namespace Loosh.Bench.Evaluation;

/// <summary>
/// The full evaluation of one challenge (evaluation.md §1–§7: quality, consensus, emissions, sybil detection) of 7
/// answers of about 300 word pieces, against embedding exactly the texts that evaluation embeds, alone, as the
/// baseline: the ratio shows how much of an evaluation is the model and how much is our scoring. Two intra-op
/// threads, as on a validator.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks : IDisposable
{
    private const int Threads = 2;

    private OnnxTextEmbedder _embedder = null!;
    private ChallengeEvaluator _evaluator = null!;
    private EvaluationRequest _request = null!;
    private string[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        _embedder = OnnxTextEmbedder.Create(new EmbedderOptions { IntraOpNumThreads = Threads });
        _evaluator = new ChallengeEvaluator(_embedder, ScoringProfile.Reference);
        _request = SyntheticChallenge.Create(0);
        // The baseline's texts are taken from an evaluation itself, so they stay exactly what the evaluator embeds.
        var recorder = new RecordingEmbedder(_embedder);
        new ChallengeEvaluator(recorder, ScoringProfile.Reference).EvaluateAsync(_request).GetAwaiter().GetResult();
        _texts = recorder.Texts;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _embedder.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public Task<float[][]> EmbedTheEvaluationsTextsAlone() => _embedder.EmbedAsync(_texts);

    [Benchmark]
    public Task<EvaluationReport> EvaluateChallenge() => _evaluator.EvaluateAsync(_request);

    /// <summary>Passes calls through and keeps the texts of the last one (an evaluation embeds in one call).</summary>
    private sealed class RecordingEmbedder(ITextEmbedder inner) : ITextEmbedder
    {
        public string[] Texts { get; private set; } = [];

        public int Dimensions => inner.Dimensions;

        public string ModelName => inner.ModelName;

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Texts = [.. texts];
            return inner.EmbedAsync(texts, cancellationToken);
        }
    }
}

/// <summary>
/// Deterministic challenges for the evaluation benchmarks: a prompt about preparing a city's grid for electric
/// vehicles and 7 answers of 13 sentences (about 250 words, about 300 word pieces) built from phrase lists. Every
/// challenge number gives different answers and prompt wording, so nothing one evaluation embeds repeats in another.
/// </summary>
internal static class SyntheticChallenge
{
    public const int AnswersPerChallenge = 7;
    private const int SentencesPerAnswer = 13;

    private static readonly string[] Places =
        ["a small coastal city", "a mountain town", "a fast-growing suburb", "an old industrial city", "a university town", "a rural county"];

    private static readonly string[] Openers =
    [
        "First,", "In practice,", "Moreover,", "However,", "For example,", "As a result,", "In addition,", "On the other hand,",
        "Finally,", "Because of this,", "In many cases,", "Over time,",
    ];

    private static readonly string[] Subjects =
    [
        "the utility", "city planners", "a smart charging program", "the local grid operator", "residential neighbourhoods",
        "bus and delivery fleet depots", "targeted transformer upgrades", "time-of-use tariffs", "community battery storage",
        "fast public chargers", "the council's permitting office", "rooftop solar on schools", "workplace charging",
    ];

    private static readonly string[] Verbs =
    [
        "should reduce", "can shift", "will increase", "needs to monitor", "helps balance", "must plan for", "could lower",
        "tends to raise", "may delay", "directly affects", "is expected to smooth", "rarely changes",
    ];

    private static readonly string[] Objects =
    [
        "peak demand in the early evening", "the load on older distribution feeders", "most charging into overnight hours",
        "the cost of building new substations", "voltage stability on residential streets", "the number of transformer failures",
        "long-term investment in distribution capacity", "congestion during cold winter mornings", "the queue for new grid connections",
        "how quickly drivers adopt electric cars",
    ];

    private static readonly string[] Tails =
    [
        "while keeping electricity bills predictable for households", "without expensive emergency repairs",
        "as adoption grows over the next decade", "according to several recent pilot studies",
        "especially where many drivers arrive home around six", "if data from smart meters is shared with planners",
        "so that reliability targets are still met", "which matters most in neighbourhoods with narrow streets",
    ];

    /// <summary>Challenge number <paramref name="number"/>; response times between 0.8 and 6 s.</summary>
    public static EvaluationRequest Create(int number)
    {
        var random = new Random(number);
        var prompt = $"How should {Pick(random, Places)} prepare its electricity grid for many more electric vehicles, and what should it do first?";
        var answers = Enumerable.Range(0, AnswersPerChallenge).Select(i => new AnswerToEvaluate(
            $"hotkey-{number}-{i}", i, Answer(random), 800 + random.Next(5200))).ToArray();
        return new EvaluationRequest($"bench-{number}", prompt, answers);
    }

    private static string Answer(Random random) =>
        string.Join(' ', Enumerable.Range(0, SentencesPerAnswer).Select(_ =>
            $"{Pick(random, Openers)} {Pick(random, Subjects)} {Pick(random, Verbs)} {Pick(random, Objects)} {Pick(random, Tails)}."));

    private static string Pick(Random random, string[] phrases) => phrases[random.Next(phrases.Length)];
}
