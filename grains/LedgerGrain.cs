using Loosh.Storage;
using Orleans.Concurrency;

namespace Loosh.Grains;

/// <summary>The HTTP API's window onto the ledger; see <see cref="ILedgerGrain"/>.</summary>
[StatelessWorker]
public sealed class LedgerGrain(ValidatorLedger ledger) : Grain, ILedgerGrain
{
    public async Task<LedgerCounters> GetStatsAsync()
    {
        var stats = await ledger.GetStatsAsync();
        return new LedgerCounters(
            stats.ChallengesByStatus.ToDictionary(pair => LedgerNames.Parse<ChallengeStatus>(pair.Key), pair => pair.Value),
            stats.AnsweredResponses,
            stats.FailedResponses,
            stats.AverageResponseTimeMs,
            stats.KnownMiners,
            stats.AvailableMiners,
            stats.RegisteredHotkeys,
            stats.LastChallengeAt);
    }

    public async Task<ChallengeList> ListChallengesAsync(int limit, int offset)
    {
        var page = await ledger.ListChallengesAsync(limit, offset);
        return new ChallengeList(
            [.. page.Items.Select(row => new ChallengeListItem(
                row.ChallengeId, row.CorrelationId, LedgerNames.Parse<ChallengeSource>(row.Source),
                LedgerNames.Parse<ChallengeStatus>(row.Status), row.Model, row.ReceivedAt, row.UpdatedAt))],
            page.Total);
    }

    public Task<bool> RegisterHotkeyAsync(string hotkey) => ledger.RegisterHotkeyAsync(hotkey);
}
