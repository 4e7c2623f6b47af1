using BenchmarkDotNet.Attributes;
using Loosh.Evaluation.Embeddings;
using Microsoft.ML.OnnxRuntime;

namespace Loosh.Bench.Evaluation;

/// <summary>
/// Embedding one challenge's texts (evaluation.md §2): 7 answers of about 300 word pieces (cut to 256), 100 sentences
/// of about 20 and the prompt, 108 texts in all. <see cref="OnnxTextEmbedder"/> (tokenising, queue, padding, pooling)
/// against bare <see cref="InferenceSession"/> runs over the same texts already tokenised, sorted and padded into the
/// same batches as the baseline, so the ratio is the embedder's own overhead. Two intra-op threads, as on a validator.
/// </summary>
[MemoryDiagnoser]
public class EmbeddingBenchmarks : IDisposable
{
    private const int Threads = 2;
    private const int MaxBatchSize = 32;

    private static readonly string[] Words =
    [
        "the", "model", "answers", "each", "question", "with", "a", "clear", "and", "short", "argument", "about", "how",
        "energy", "markets", "respond", "to", "policy", "changes", "over", "time", "while", "prices", "rise", "slowly",
    ];

    private string[] _texts = [];
    private OnnxTextEmbedder _embedder = null!;
    private InferenceSession _session = null!;
    private List<OrtValue[]> _batches = [];
    private readonly string[] _inputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private readonly string[] _outputNames = ["last_hidden_state"];
    private RunOptions _runOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var answers = Enumerable.Range(0, 7).Select(i => Prose(seed: i, words: 300));
        var sentences = Enumerable.Range(0, 100).Select(i => Prose(seed: 100 + i, words: 18) + ".");
        _texts = [Prose(seed: 999, words: 30) + "?", .. answers, .. sentences];

        _embedder = OnnxTextEmbedder.Create(new EmbedderOptions { IntraOpNumThreads = Threads, MaxBatchSize = MaxBatchSize });
        var files = EmbeddingModelFiles.Locate(null);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(files.ModelPath, options);
        _runOptions = new RunOptions();
        var tokenizer = SentenceTokenizer.Load(files.VocabularyPath, 256);
        _batches = [.. _texts.Select(tokenizer.Encode).OrderBy(ids => ids.Length).Chunk(MaxBatchSize).Select(Tensors)];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _embedder.Dispose();
        _session.Dispose();
        _runOptions.Dispose();
        foreach (var value in _batches.SelectMany(batch => batch))
        {
            value.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int BareSessionOnPaddedBatches()
    {
        var rows = 0;
        foreach (var batch in _batches)
        {
            using var outputs = _session.Run(_runOptions, _inputNames, batch, _outputNames);
            rows += (int)outputs[0].GetTensorTypeAndShape().Shape[0];
        }
        return rows;
    }

    [Benchmark]
    public Task<float[][]> OnnxTextEmbedderEmbedAsync() => _embedder.EmbedAsync(_texts);

    /// <summary>Deterministic filler prose of single-word-piece words.</summary>
    private static string Prose(int seed, int words)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
    }

    private static OrtValue[] Tensors(int[][] sequences)
    {
        var width = sequences.Max(ids => ids.Length);
        var ids = new long[sequences.Length * width];
        var mask = new long[sequences.Length * width];
        for (var row = 0; row < sequences.Length; row++)
        {
            for (var column = 0; column < sequences[row].Length; column++)
            {
                ids[(row * width) + column] = sequences[row][column];
                mask[(row * width) + column] = 1;
            }
        }
        long[] shape = [sequences.Length, width];
        return
        [
            OrtValue.CreateTensorValueFromMemory(ids, shape),
            OrtValue.CreateTensorValueFromMemory(mask, shape),
            OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape),
        ];
    }
}
