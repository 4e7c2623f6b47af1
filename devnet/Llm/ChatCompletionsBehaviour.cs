namespace Loosh.Devnet.Llm;

/// <summary>How the simulated chat-completions endpoint answers: the ways a real LLM provider helps or fails a caller.</summary>
public abstract record ChatCompletionsBehaviour
{
    /// <summary>A well-formed completion whose message content is <see cref="Content"/>.</summary>
    public sealed record Answer(string Content) : ChatCompletionsBehaviour;

    /// <summary>The first <see cref="Failures"/> requests get <see cref="Status"/> (e.g. 500, 429); later ones get <see cref="Then"/>.</summary>
    public sealed record FailFirst(int Failures, int Status, ChatCompletionsBehaviour Then) : ChatCompletionsBehaviour;

    /// <summary>Waits <see cref="Delay"/> (or until the caller hangs up) before answering with <see cref="Then"/>.</summary>
    public sealed record Slow(TimeSpan Delay, ChatCompletionsBehaviour Then) : ChatCompletionsBehaviour;

    /// <summary>A 200 whose body is not JSON.</summary>
    public sealed record Garbage : ChatCompletionsBehaviour;
}
