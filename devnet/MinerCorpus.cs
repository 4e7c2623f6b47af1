using System.Text.Json;

namespace Loosh.Devnet;

/// <summary>
/// The prompts and answers honest simulated miners draw from, embedded so tests need no files or network. Several
/// wordings per topic let honest miners differ the way independent models do, which sybil detection relies on.
/// </summary>
public sealed class MinerCorpus
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private MinerCorpus(IReadOnlyList<Topic> topics, IReadOnlyList<string> offTopic)
    {
        Topics = topics;
        OffTopic = offTopic;
    }

    public static MinerCorpus Shared { get; } = Load();

    public IReadOnlyList<Topic> Topics { get; }

    public IReadOnlyList<string> OffTopic { get; }

    /// <summary>The answer miner <paramref name="minerIndex"/> gives: the topic sharing most words with the prompt.</summary>
    public string Answer(string prompt, int minerIndex)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var words = prompt.ToLowerInvariant().Split([' ', ',', '.', '?', '!', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var topic = Topics.MaxBy(t => words.Count(t.Keywords.Contains))!;
        return topic.Answers[minerIndex % topic.Answers.Count];
    }

    public string Garbage(int minerIndex) => OffTopic[minerIndex % OffTopic.Count];

    private static MinerCorpus Load()
    {
        using var stream = typeof(MinerCorpus).Assembly.GetManifestResourceStream("Loosh.Devnet.corpus.json")!;
        var file = JsonSerializer.Deserialize<CorpusFile>(stream, Options)!;
        return new MinerCorpus(file.Topics, file.OffTopic);
    }

    /// <summary>One subject: words that identify it, a sample prompt for tests, and honest answers.</summary>
    public sealed record Topic(IReadOnlyList<string> Keywords, string Prompt, IReadOnlyList<string> Answers);

    private sealed record CorpusFile(IReadOnlyList<Topic> Topics, IReadOnlyList<string> OffTopic);
}
