using System.Globalization;
using System.Text.Json;
using Loosh.Devnet.ChallengeApi;
using Loosh.Protocols.Fiber;

namespace Loosh.Devnet;

/// <summary>How the simulated Challenge API hands out the feed's challenges, matching the validator's CHALLENGE_MODE.</summary>
public enum FeedMode
{
    /// <summary>Pushed to the validator's <c>/fiber/challenge</c>, as the real service does in push mode.</summary>
    Push,

    /// <summary>Queued for the validator's own <c>GET /challenge</c>.</summary>
    Pull,
}

/// <summary>
/// A steady stream of challenges for a demo: every interval the next corpus prompt goes to the validator, so the whole
/// pipeline (miners, scoring, batches, weights) runs without anyone sending challenges by hand. Before the validator is
/// up, pushes fail and the next one simply tries again.
/// </summary>
public static class ChallengeFeed
{
    public static async Task RunAsync(
        SimulatedChallengeApi api, FeedMode mode, Uri validatorUrl, TimeSpan interval, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(output);
        var topics = MinerCorpus.Shared.Topics;
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var timer = new PeriodicTimer(interval);
        for (var n = 1; await timer.WaitForNextTickAsync(ct); n++)
        {
            // The run's start time keeps ids unique across runs against the same database, which refuses duplicates.
            var id = $"devnet-{run}-{n}";
            var json = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = id,
                ["prompt"] = topics[(n - 1) % topics.Count].Prompt,
                ["temperature"] = 0.7,
                ["top_p"] = 0.95,
                ["max_tokens"] = 512,
                ["metadata"] = new Dictionary<string, string>(),
            });
            if (mode == FeedMode.Pull)
            {
                api.EnqueueChallenge(json);
                await output.WriteLineAsync($"queued challenge {id}");
                continue;
            }
            try
            {
                var status = await api.PushChallengeAsync(validatorUrl, json, ct);
                await output.WriteLineAsync($"pushed challenge {id}: HTTP {(int)status}");
            }
            catch (Exception e) when (e is FiberException or HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                await output.WriteLineAsync($"push of challenge {id} failed: {e.Message}");
            }
        }
    }
}
