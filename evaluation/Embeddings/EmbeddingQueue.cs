using System.Threading.Channels;

namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// The one path to the model shared by every caller: callers queue their texts, and a single worker takes whatever is
/// waiting, sorts it by token count so texts of similar length share a batch (little padding), runs batches of at
/// most <see cref="EmbedderOptions.MaxBatchSize"/>, and hands each caller its vectors. Several challenges evaluated
/// at once thus fill the model's batches together instead of contending for it.
/// </summary>
internal sealed class EmbeddingQueue : IAsyncDisposable
{
    private readonly SentenceTokenizer _tokenizer;
    private readonly SentenceEncoder _encoder;
    private readonly int _maxBatchSize;
    private readonly int _capacity;
    private readonly Channel<QueuedText> _channel;
    private readonly Task _worker;
    private int _disposed;

    public EmbeddingQueue(SentenceTokenizer tokenizer, SentenceEncoder encoder, EmbedderOptions options)
    {
        _tokenizer = tokenizer;
        _encoder = encoder;
        _maxBatchSize = options.MaxBatchSize;
        _capacity = options.QueueCapacity;
        // Bounded: when the model falls behind, callers wait to enqueue instead of texts piling up in memory.
        _channel = Channel.CreateBounded<QueuedText>(new BoundedChannelOptions(_capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Queues the texts and waits for their vectors, in the order given.</summary>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var request = new EmbeddingRequest(texts);
        using var registration = cancellationToken.Register(() => request.Cancel(cancellationToken));
        try
        {
            for (var i = 0; i < texts.Count && !request.IsFinished; i++)
            {
                await _channel.Writer.WriteAsync(new QueuedText(request, i), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The registration has cancelled the request; texts already queued are skipped by the worker.
        }
        catch (ChannelClosedException)
        {
            request.Fail(Disposed());
        }
        return await request.Completion.ConfigureAwait(false);
    }

    /// <summary>
    /// Stops taking texts, abandons those still waiting (their callers get <see cref="ObjectDisposedException"/>),
    /// stops the model run in progress and waits for the worker to end.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _channel.Writer.TryComplete();
        _encoder.Abort();
        await _worker.ConfigureAwait(false);
        _encoder.Dispose();
    }

    private bool Stopping => Volatile.Read(ref _disposed) == 1;

    private static ObjectDisposedException Disposed() =>
        new(nameof(OnnxTextEmbedder), "The embedder was disposed before these texts were embedded.");

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var waiting = new List<TokenizedText>();
        // Ends once the channel is completed (disposal) and empty.
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Draining everything waiting, not just one batch, lets the sort group lengths across callers; the channel
            // bound keeps this list bounded too.
            waiting.Clear();
            while (waiting.Count < _capacity && reader.TryRead(out var queued))
            {
                if (Stopping)
                {
                    queued.Request.Fail(Disposed());
                }
                else if (!queued.Request.IsFinished)
                {
                    Tokenize(queued, waiting);
                }
            }
            // Stable, so equal lengths keep arrival order.
            var byLength = waiting.OrderBy(text => text.Ids.Length).ToArray();
            for (var start = 0; start < byLength.Length; start += _maxBatchSize)
            {
                RunBatch(byLength.AsSpan(start, Math.Min(_maxBatchSize, byLength.Length - start)));
            }
        }
    }

    private void Tokenize(QueuedText queued, List<TokenizedText> waiting)
    {
        try
        {
            waiting.Add(new TokenizedText(queued, _tokenizer.Encode(queued.Text)));
        }
        catch (Exception exception)
        {
            // The worker must outlive any one bad text, or every caller would wait forever.
            queued.Request.Fail(exception);
        }
    }

    private void RunBatch(ReadOnlySpan<TokenizedText> candidates)
    {
        // Callers that cancelled while earlier batches ran no longer need their texts.
        var batch = new List<TokenizedText>(candidates.Length);
        foreach (var text in candidates)
        {
            if (!text.Queued.Request.IsFinished)
            {
                batch.Add(text);
            }
        }
        if (batch.Count == 0)
        {
            return;
        }
        if (Stopping)
        {
            FailAll(batch, Disposed());
            return;
        }
        float[][] vectors;
        try
        {
            vectors = _encoder.Encode(batch.ConvertAll(text => text.Ids), _tokenizer.PaddingId);
        }
        catch (Exception exception)
        {
            // One failed batch fails only the callers in it; the worker keeps serving the others.
            FailAll(batch, Stopping ? Disposed() : exception);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Queued.Request.Deliver(batch[i].Queued.Index, vectors[i]);
        }
    }

    private static void FailAll(List<TokenizedText> batch, Exception exception)
    {
        foreach (var text in batch)
        {
            text.Queued.Request.Fail(exception);
        }
    }

    private readonly record struct QueuedText(EmbeddingRequest Request, int Index)
    {
        public string Text => Request.Texts[Index];
    }

    private readonly record struct TokenizedText(QueuedText Queued, int[] Ids);
}
