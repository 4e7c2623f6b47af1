using Loosh.Protocols.ChallengeApi;

namespace Loosh.Grains.Challenges;

/// <summary>
/// How a challenge enters the validator, whichever way it came: pushed to the gateway (Fiber or the legacy plaintext
/// route) or pulled from the Challenge API on the challenge interval. Either way it becomes a ChallengeGrain.
/// </summary>
public static class IncomingChallenges
{
    /// <summary>The grain-side form of a parsed challenge.</summary>
    public static ChallengeRequest ToRequest(ChallengeMessage message, ChallengeSource source)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(
            message.Id, message.CorrelationId, source, message.Prompt,
            [.. message.Messages.Select(m => new ChatMessage(m.Role, m.Content))],
            message.Model, message.Temperature, message.TopP, message.MaxTokens, message.CreatedAt, message.OriginalJson);
    }

    /// <summary>
    /// Pull mode (the original protocol): asks the Challenge API for a challenge and hands it to its grain. Returns the
    /// challenge id, or null when the API had none (any status but 200) or was unreachable.
    /// </summary>
    public static async Task<string?> PullOnceAsync(ChallengeApiClient api, IGrainFactory grains, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(grains);
        var pulled = await api.PullChallengeAsync(ct).ConfigureAwait(false);
        if (pulled.Value is not { } message)
        {
            return null;
        }
        await grains.GetGrain<IChallengeGrain>(message.Id).AcceptAsync(ToRequest(message, ChallengeSource.Pull)).ConfigureAwait(false);
        return message.Id;
    }
}
