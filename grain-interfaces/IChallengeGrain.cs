namespace Loosh.GrainInterfaces;

/// <summary>
/// One challenge, keyed by the Challenge API's challenge id. Holds the persisted state machine
/// Received → Dispatched → Collected → Evaluated → Submitted (or Failed).
/// </summary>
[Alias("Loosh.IChallengeGrain")]
public interface IChallengeGrain : IGrainWithStringKey
{
    /// <summary>Takes the challenge in. A second call for the same id changes nothing and reports a duplicate.</summary>
    [Alias("Accept")]
    Task<ChallengeAcceptance> AcceptAsync(ChallengeRequest request);

    /// <summary>The current state, or null when no challenge with this id was accepted.</summary>
    [Alias("Get")]
    Task<ChallengeSnapshot?> GetAsync();

    /// <summary>
    /// Records one chosen miner's answer, timeout or error. The first record per miner counts; answers that arrive
    /// after collection closed are ignored (the reference drops them too).
    /// </summary>
    [Alias("RecordAnswer")]
    Task RecordAnswerAsync(MinerAnswer answer);

    /// <summary>
    /// Moves the challenge as far along its pipeline as it can go now (select, dispatch, collect, evaluate, submit).
    /// Called after acceptance, by the collection deadline, and by the resume reminder after a crash; idempotent.
    /// </summary>
    [Alias("Process")]
    Task<ChallengeSnapshot?> ProcessAsync();
}

/// <summary>
/// One chosen miner's answer to a challenge, or why there is none. <see cref="ToolCallsJson"/> is the miner's
/// <c>tool_calls</c> as JSON, passed through to the Challenge API unchanged.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loosh.MinerAnswer")]
public sealed record MinerAnswer(
    [property: Id(0)] string Hotkey,
    [property: Id(1)] MinerOutcomeKind Kind,
    [property: Id(2)] string? Text,
    [property: Id(3)] int ResponseTimeMs,
    [property: Id(4)] string? FinishReason,
    [property: Id(5)] string? ToolCallsJson,
    [property: Id(6)] int PromptTokens,
    [property: Id(7)] int CompletionTokens,
    [property: Id(8)] int TotalTokens,
    [property: Id(9)] string? Error,
    [property: Id(10)] DateTimeOffset At);

/// <summary>What the evaluation of a challenge decided, as kept with the challenge.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.ChallengeEvaluation")]
public sealed record ChallengeEvaluation(
    [property: Id(0)] string Path,
    [property: Id(1)] double ConsensusScore,
    [property: Id(2)] IReadOnlyDictionary<string, double> Emissions,
    [property: Id(3)] string? BestMinerHotkey,
    [property: Id(4)] string? HeatmapPath,
    [property: Id(5)] string? Narrative,
    [property: Id(6)] DateTimeOffset At);

[GenerateSerializer, Alias("Loosh.ChallengeStatus")]
public enum ChallengeStatus
{
    Received = 0,
    Dispatched = 1,
    Collected = 2,
    Evaluated = 3,
    Submitted = 4,
    Failed = 5,
}

[GenerateSerializer, Alias("Loosh.ChallengeSource")]
public enum ChallengeSource
{
    /// <summary>Plaintext POST /challenges (the reference's legacy intake).</summary>
    Legacy = 0,
    /// <summary>Fernet-encrypted POST /fiber/challenge from the Challenge API.</summary>
    Push = 1,
    /// <summary>Fetched from the Challenge API on the challenge interval.</summary>
    Pull = 2,
}

/// <summary>One chat message of an OpenAI-style challenge.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.ChatMessage")]
public sealed record ChatMessage([property: Id(0)] string Role, [property: Id(1)] string Content);

/// <summary>
/// A validated challenge as the grains see it. <see cref="OriginalJson"/> is the body as received, kept so the
/// batch sent back to the Challenge API can echo it as <c>original_request</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loosh.ChallengeRequest")]
public sealed record ChallengeRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] string? CorrelationId,
    [property: Id(2)] ChallengeSource Source,
    [property: Id(3)] string? Prompt,
    [property: Id(4)] IReadOnlyList<ChatMessage> Messages,
    [property: Id(5)] string? Model,
    [property: Id(6)] double? Temperature,
    [property: Id(7)] double? TopP,
    [property: Id(8)] int? MaxTokens,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] string OriginalJson);

[GenerateSerializer, Alias("Loosh.ChallengeAcceptance")]
public enum ChallengeAcceptance
{
    Accepted = 0,
    Duplicate = 1,
}

/// <summary>One step of a challenge's history.</summary>
[GenerateSerializer, Immutable, Alias("Loosh.ChallengeTransition")]
public sealed record ChallengeTransition([property: Id(0)] ChallengeStatus Status, [property: Id(1)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("Loosh.ChallengeSnapshot")]
public sealed record ChallengeSnapshot(
    [property: Id(0)] ChallengeRequest Request,
    [property: Id(1)] ChallengeStatus Status,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] IReadOnlyList<ChallengeTransition> History,
    [property: Id(4)] IReadOnlyList<SelectedMiner> Miners,
    [property: Id(5)] IReadOnlyList<MinerAnswer> Answers,
    [property: Id(6)] ChallengeEvaluation? Evaluation,
    [property: Id(7)] string? FailureReason);

/// <summary>The challenge state machine does not allow this step.</summary>
[GenerateSerializer, Alias("Loosh.InvalidChallengeTransitionException")]
public sealed class InvalidChallengeTransitionException : Exception
{
    public InvalidChallengeTransitionException() { }
    public InvalidChallengeTransitionException(string message) : base(message) { }
    public InvalidChallengeTransitionException(string message, Exception innerException) : base(message, innerException) { }
}
