using System.Text.Json;
using Loosh.Evaluation.Scoring;

namespace Loosh.Grains.Tests.Challenges;

/// <summary>Checks a batch the simulated Challenge API received against the challenge it reports on.</summary>
internal static class ChallengeBatches
{
    /// <summary>
    /// The batch carries every answered miner with usage, tool calls and timing, echoes the original request, and
    /// holds the evaluation the library computes for the same answers under <paramref name="profile"/>. Returns the
    /// batch's emissions by hotkey.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, double>> AssertMatchesAsync(JsonElement batch, ChallengeSnapshot done, ScoringProfile profile)
    {
        var answered = done.Answers.Where(a => a.Kind == MinerOutcomeKind.Answered).ToArray();
        var responses = batch.GetProperty("responses").EnumerateArray().ToArray();
        Assert.Equal(answered.Select(a => a.Hotkey).Order(), responses.Select(r => r.GetProperty("miner_id").GetString()!).Order());
        Assert.All(responses, r =>
        {
            Assert.True(r.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
            Assert.True(r.TryGetProperty("tool_calls", out _));
            Assert.True(r.GetProperty("response_time_ms").GetInt64() >= 0);
        });
        Assert.Equal(done.Request.Id, batch.GetProperty("original_request").GetProperty("id").GetString());

        var expected = await ChallengeNetwork.EvaluateLocallyAsync(done, profile);
        var evaluation = batch.GetProperty("evaluation");
        Assert.Equal(expected.ConsensusScore, evaluation.GetProperty("consensus_score").GetDouble(), 12);
        var emissions = evaluation.GetProperty("emissions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(expected.Emissions.Select(e => e.Hotkey).Order(), emissions.Keys.Order());
        Assert.All(expected.Emissions, e => Assert.Equal(e.Emission, emissions[e.Hotkey], 12));
        Assert.Equal(expected.BestMinerHotkey, evaluation.GetProperty("best_miner_id").GetString());
        Assert.Equal(expected.ConsensusScore, done.Evaluation!.ConsensusScore, 12);
        return emissions;
    }
}
