namespace Loosh.Protocols.ChallengeApi;

/// <summary>One chat message; content is text (multi-part text content is joined).</summary>
public sealed record ChatMessageWire(string Role, string Content);

/// <summary>
/// A challenge as the Challenge API sends it (protocols.md §1.4), after validation. Unknown fields are ignored;
/// <see cref="OriginalJson"/> keeps the body as received so it can be echoed back as <c>original_request</c>.
/// </summary>
public sealed record ChallengeMessage(
    string Id,
    string? CorrelationId,
    string? Prompt,
    IReadOnlyList<ChatMessageWire> Messages,
    string? Model,
    double? Temperature,
    double? TopP,
    int? MaxTokens,
    DateTimeOffset CreatedAt,
    string OriginalJson);
