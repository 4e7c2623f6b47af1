using System.Globalization;
using System.Text.Json;
using Loosh.Evaluation.Weights;
using Loosh.Protocols.ChallengeApi;
using Loosh.Storage;

namespace Loosh.Grains.Weights;

/// <summary>
/// The penalty report of an epoch as an outbox message, so that it reaches the Challenge API at least once and,
/// keyed by the epoch, at most once per epoch however often the epoch is retried.
/// </summary>
public static class PenaltyReports
{
    /// <summary>The outbox kind; the payload is the exact JSON body of <c>POST /analytics/penalty-report</c>.</summary>
    public const string Kind = "penalty-report";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The idempotency key of an epoch's report: <c>penalty:{netuid}/{epoch}</c>.</summary>
    public static string MessageId(int netuid, long epoch) =>
        string.Create(CultureInfo.InvariantCulture, $"penalty:{netuid}/{epoch}");

    /// <summary>The message reporting <paramref name="penalties"/>, or null when there is nothing to report.</summary>
    public static OutboxMessage? Message(int netuid, long epoch, string validatorHotkey, DateTimeOffset at, IReadOnlyList<SybilPenalty> penalties)
    {
        ArgumentNullException.ThrowIfNull(penalties);
        if (penalties.Count == 0)
        {
            return null;
        }
        var report = new PenaltyReport(validatorHotkey, at, [.. penalties.Select(p =>
            new PenaltyEntry(p.Hotkey, p.Uid, JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Type.ToString()), p.SybilScore))]);
        return new OutboxMessage(MessageId(netuid, epoch), Kind, JsonSerializer.Serialize(report, Json));
    }
}
