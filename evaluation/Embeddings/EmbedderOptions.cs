namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// How <see cref="OnnxTextEmbedder"/> loads and runs its model. The defaults reproduce the reference validator's
/// embeddings with the bundled all-MiniLM-L6-v2 (evaluation.md §2, embeddings.md §6).
/// </summary>
public sealed record EmbedderOptions
{
    /// <summary>
    /// Folder holding a sentence-transformers ONNX export (<c>model.onnx</c> and its WordPiece <c>vocab.txt</c>);
    /// null uses the all-MiniLM-L6-v2 copied into the application's output at build time.
    /// </summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Threads ONNX Runtime uses inside one model run; 0 lets it choose (one per physical core).</summary>
    public int IntraOpNumThreads { get; init; }

    /// <summary>Most texts run through the model at once.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>
    /// Word pieces kept per text, [CLS] and [SEP] included; longer texts are truncated, as sentence-transformers does
    /// with <c>max_seq_length = 256</c>.
    /// </summary>
    public int MaxSequenceLength { get; init; } = 256;

    /// <summary>
    /// Texts that may wait for the model at once, over all callers; a caller beyond it waits for room, which bounds
    /// memory under load.
    /// </summary>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpNumThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1);
        // Two positions are taken by the start and end markers, so fewer could hold no text at all.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSequenceLength, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1);
        if (ModelDirectory is not null && string.IsNullOrWhiteSpace(ModelDirectory))
        {
            throw new ArgumentException("ModelDirectory is blank; leave it null to use the bundled model.", nameof(ModelDirectory));
        }
    }
}
