namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// Sentence embeddings computed in process with ONNX Runtime, as Python sentence-transformers computes them: WordPiece
/// tokens truncated to <see cref="EmbedderOptions.MaxSequenceLength"/>, the model's token states, mean pooling over
/// the real tokens and L2 normalisation (embeddings.md §6). Concurrent callers share one batching queue in front of a
/// single model session; a vector does not depend on which other texts shared its batch. Create one per process.
/// </summary>
public sealed class OnnxTextEmbedder : ITextEmbedder, IAsyncDisposable, IDisposable
{
    private readonly EmbeddingQueue _queue;

    private OnnxTextEmbedder(string modelName, int dimensions, EmbeddingQueue queue)
    {
        ModelName = modelName;
        Dimensions = dimensions;
        _queue = queue;
    }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public string ModelName { get; }

    /// <summary>Loads the model (about 0.4 s and 200 MB for all-MiniLM-L6-v2) and starts the queue's worker.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="FileNotFoundException">The model folder lacks model.onnx or vocab.txt.</exception>
    /// <exception cref="InvalidDataException">The files are damaged or are not a sentence encoder's.</exception>
    /// <exception cref="InvalidOperationException">The process runs with invariant globalization.</exception>
    public static OnnxTextEmbedder Create(EmbedderOptions? options = null)
    {
        options ??= new EmbedderOptions();
        options.Validate();
        var files = EmbeddingModelFiles.Locate(options.ModelDirectory);
        var tokenizer = SentenceTokenizer.Load(files.VocabularyPath, options.MaxSequenceLength);
        var encoder = SentenceEncoder.Open(files.ModelPath, options.IntraOpNumThreads);
        return new OnnxTextEmbedder(files.Name, encoder.Dimensions, new EmbeddingQueue(tokenizer, encoder, options));
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The embedder was disposed before the texts were embedded.</exception>
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        // A copy: the worker reads the texts later, after the caller may have reused its list.
        string[] snapshot = [.. texts];
        var missing = Array.IndexOf(snapshot, null);
        if (missing >= 0)
        {
            throw new ArgumentException($"Text {missing} is null.", nameof(texts));
        }
        return snapshot.Length == 0 ? Task.FromResult<float[][]>([]) : _queue.EmbedAsync(snapshot, cancellationToken);
    }

    /// <summary>Abandons texts still waiting (their callers get <see cref="ObjectDisposedException"/>) and releases the model.</summary>
    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    /// <inheritdoc cref="DisposeAsync" />
    public void Dispose() => _queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
