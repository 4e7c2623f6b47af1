namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// One caller's texts on their way through the shared queue: collects a vector per text and completes the caller's
/// task when the last one arrives, or ends it early when the caller cancels or the embedder fails or shuts down.
/// </summary>
internal sealed class EmbeddingRequest
{
    private readonly TaskCompletionSource<float[][]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly float[][] _vectors;
    // Only the queue's single worker delivers vectors, so the count needs no synchronisation.
    private int _missing;

    public EmbeddingRequest(IReadOnlyList<string> texts)
    {
        Texts = texts;
        _vectors = new float[texts.Count][];
        _missing = texts.Count;
    }

    public IReadOnlyList<string> Texts { get; }

    public Task<float[][]> Completion => _completion.Task;

    /// <summary>True once the caller has its answer or has stopped waiting; its remaining texts can be skipped.</summary>
    public bool IsFinished => _completion.Task.IsCompleted;

    public void Deliver(int index, float[] vector)
    {
        _vectors[index] = vector;
        if (--_missing == 0)
        {
            _completion.TrySetResult(_vectors);
        }
    }

    public void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
