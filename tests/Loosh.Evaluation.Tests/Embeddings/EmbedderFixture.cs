using Loosh.Evaluation.Embeddings;

namespace Loosh.Evaluation.Tests.Embeddings;

/// <summary>
/// One bundled-model embedder for every test in the "Embedder" collection: loading costs about 0.4 s and 200 MB. One
/// intra-op thread keeps runs steady while other test projects share the machine.
/// </summary>
public sealed class EmbedderFixture : IAsyncLifetime
{
    public OnnxTextEmbedder Embedder { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Embedder = OnnxTextEmbedder.Create(new EmbedderOptions { IntraOpNumThreads = 1 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Embedder.DisposeAsync();

    /// <summary>The embedding of a single text.</summary>
    public async Task<float[]> EmbedAsync(string text) => (await Embedder.EmbedAsync([text]))[0];
}

/// <summary>Test classes that share <see cref="EmbedderFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedEmbedder : ICollectionFixture<EmbedderFixture>
{
    public const string Name = "Embedder";
}
