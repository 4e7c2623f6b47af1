using Loosh.Evaluation.Embeddings;

namespace Loosh.Evaluation.Tests.Embeddings;

/// <summary>
/// The shared batching queue: concurrent callers, cancellation, back-pressure and disposal. Tests that cancel or
/// dispose use an embedder of their own with small batches, so the work they interrupt is still waiting.
/// </summary>
[Collection(SharedEmbedder.Name)]
public sealed class EmbeddingQueueTests(EmbedderFixture fixture)
{
    [Fact]
    public async Task Concurrent_callers_get_the_vectors_of_sequential_calls()
    {
        var requests = Enumerable.Range(0, 12)
            .Select(i => new[] { $"Caller {i} asks about item {i * 7}.", OnnxTextEmbedderTests.TextOfWords(5 + (i * 9)), "A shared sentence." })
            .ToArray();
        var sequential = new List<float[][]>();
        foreach (var texts in requests)
        {
            sequential.Add(await fixture.Embedder.EmbedAsync(texts));
        }

        var concurrent = await Task.WhenAll(requests.Select(texts => Task.Run(() => fixture.Embedder.EmbedAsync(texts))));

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(sequential[i], concurrent[i]);
        }
    }

    [Fact]
    public async Task A_caller_whose_token_is_already_cancelled_gets_a_cancelled_task()
    {
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => fixture.Embedder.EmbedAsync(["never embedded"], new CancellationToken(canceled: true)));

        Assert.True(error.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public async Task Cancelling_one_caller_leaves_the_others_their_vectors()
    {
        await using var embedder = SmallBatchEmbedder();
        string[] first = [.. Enumerable.Range(0, 6).Select(i => OnnxTextEmbedderTests.TextOfWords(120 + i))];
        string[] third = ["The cat sits on the mat", "Quarterly revenue grew 8%"];
        using var cancellation = new CancellationTokenSource();

        var firstTask = embedder.EmbedAsync(first);
        // Longer than the first caller's texts, so sorted behind them: still waiting when it is cancelled.
        var cancelledTask = embedder.EmbedAsync([OnnxTextEmbedderTests.TextOfWords(200)], cancellation.Token);
        var thirdTask = embedder.EmbedAsync(third);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelledTask);
        Assert.Equal(await fixture.Embedder.EmbedAsync(first), await firstTask);
        Assert.Equal(await fixture.Embedder.EmbedAsync(third), await thirdTask);
    }

    [Fact]
    public async Task A_caller_with_more_texts_than_the_queue_holds_waits_for_room_and_completes()
    {
        await using var embedder = OnnxTextEmbedder.Create(new EmbedderOptions { IntraOpNumThreads = 1, MaxBatchSize = 2, QueueCapacity = 3 });
        string[] texts = [.. Enumerable.Range(0, 10).Select(i => $"Sentence number {i} of ten.")];

        var vectors = await embedder.EmbedAsync(texts);

        Assert.Equal(await fixture.Embedder.EmbedAsync(texts), vectors);
    }

    [Fact]
    public async Task Disposal_abandons_waiting_texts_with_ObjectDisposedException()
    {
        var embedder = SmallBatchEmbedder();
        var pending = embedder.EmbedAsync([.. Enumerable.Range(0, 8).Select(i => OnnxTextEmbedderTests.TextOfWords(250 + i))]);

        await embedder.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending);
    }

    [Fact]
    public async Task A_disposed_embedder_refuses_new_texts_and_can_be_disposed_again()
    {
        var embedder = SmallBatchEmbedder();
        await embedder.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => embedder.EmbedAsync(["too late"]));
        await embedder.DisposeAsync();
    }

    private static OnnxTextEmbedder SmallBatchEmbedder() =>
        OnnxTextEmbedder.Create(new EmbedderOptions { IntraOpNumThreads = 1, MaxBatchSize = 2 });
}
