using System.Text.Json;
using Loosh.Evaluation.Scoring;
using Loosh.Grains.Delivery;

namespace Loosh.Grains.Tests.Challenges;

/// <summary>
/// The challenge pipeline end to end in push mode: a challenge goes in, the chosen miners are called, the answers are
/// evaluated, recorded, and delivered to the simulated Challenge API exactly once.
/// </summary>
public sealed class ChallengePipelineTests(ChallengeNetwork network) : IClassFixture<ChallengeNetwork>
{
    private SimulatedChallengeApiView Api => new(network.Harness.Api);

    [Fact]
    public async Task A_challenge_is_answered_scored_recorded_and_delivered_once()
    {
        const string id = "pipeline-1";
        Assert.Equal(ChallengeAcceptance.Accepted, await network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id)));

        var done = await network.FinishedAsync(id);
        Assert.NotNull(done);
        Assert.Equal(ChallengeStatus.Submitted, done.Status);
        Assert.Equal(
            [ChallengeStatus.Received, ChallengeStatus.Dispatched, ChallengeStatus.Collected, ChallengeStatus.Evaluated, ChallengeStatus.Submitted],
            done.History.Select(h => h.Status));

        // Every miner was chosen (five available, MAX_MINERS 7); the silent one timed out, the rest answered.
        Assert.Equal(5, done.Miners.Count);
        var silent = network.Miners[ChallengeNetwork.SilentUid].Hotkey;
        Assert.Equal(MinerOutcomeKind.TimedOut, done.Answers.Single(a => a.Hotkey == silent).Kind);
        var answered = done.Answers.Where(a => a.Kind == MinerOutcomeKind.Answered).ToArray();
        Assert.Equal(4, answered.Length);

        // The batch: every answer with its usage and tool calls, and the evaluation the library computes for them.
        var batch = Assert.Single(Api.BatchesFor(id));
        var emissions = await ChallengeBatches.AssertMatchesAsync(batch, done, ScoringProfile.Reference);

        // The ledger holds the challenge, every chosen miner's row and the evaluation.
        var database = network.Database;
        Assert.Equal("submitted", await database.ScalarAsync<string>("SELECT status FROM challenges WHERE challenge_id = $1", id));
        Assert.Equal(5L, await database.ScalarAsync<long>("SELECT count(*) FROM miner_answers WHERE challenge_id = $1", id));
        Assert.Equal("timed_out", await database.ScalarAsync<string>(
            "SELECT outcome FROM miner_answers WHERE challenge_id = $1 AND miner_hotkey = $2", id, silent));
        Assert.Equal(done.Evaluation!.ConsensusScore, await database.ScalarAsync<double>("SELECT consensus_score FROM evaluations WHERE challenge_id = $1", id), 12);

        // Each chosen miner's grain knows how the challenge went; the silent one's timeout counts, with no emission
        // under the reference profile (it records nothing for silence; quality-gated records 0, see QualityGatedPipelineTests).
        var silentOutcome = (await network.Harness.Miner(silent).GetAsync()).RecentOutcomes.Single(o => o.ChallengeId == id);
        Assert.Equal(MinerOutcomeKind.TimedOut, silentOutcome.Kind);
        Assert.Null(silentOutcome.Emission);
        var honest = network.Miners[0].Hotkey;
        var honestOutcome = (await network.Harness.Miner(honest).GetAsync()).RecentOutcomes.Single(o => o.ChallengeId == id);
        Assert.Equal(emissions[honest], honestOutcome.Emission!.Value, 12);
    }

    [Fact]
    public async Task A_duplicate_is_refused_and_processed_once()
    {
        const string id = "pipeline-duplicate";
        Assert.Equal(ChallengeAcceptance.Accepted, await network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id)));
        Assert.Equal(ChallengeAcceptance.Duplicate, await network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id)));
        await network.FinishedAsync(id);
        Assert.Equal(ChallengeAcceptance.Duplicate, await network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id)));

        Assert.Single(Api.BatchesFor(id));
        Assert.Equal(1L, await network.Database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE message_id = $1", OutboxKinds.ResultOf(id)));
    }

    [Fact]
    public async Task During_a_Challenge_API_outage_the_result_waits_and_is_delivered_once_it_returns()
    {
        const string id = "pipeline-outage";
        network.Harness.Api.BeginOutage(TimeSpan.FromMinutes(10));
        try
        {
            await network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id));
            var waiting = await Eventually.MatchAsync(() => network.Challenge(id).GetAsync(), s => s?.Status == ChallengeStatus.Evaluated,
                TimeSpan.FromSeconds(90), "the challenge to be evaluated");
            Assert.NotNull(waiting);
            await Eventually.MatchAsync(
                () => network.Database.ScalarAsync<int>("SELECT attempts FROM outbox WHERE message_id = $1", OutboxKinds.ResultOf(id)),
                attempts => attempts >= 1, TimeSpan.FromSeconds(90), "a failed delivery attempt");
            Assert.Empty(Api.BatchesFor(id));
        }
        finally
        {
            network.Harness.Api.EndOutage();
        }

        // The outbox retries on its own schedule (at most a few minutes apart); the challenge follows the acknowledgement.
        var done = await network.FinishedAsync(id, TimeSpan.FromMinutes(4));
        Assert.Equal(ChallengeStatus.Submitted, done!.Status);
        Assert.Single(Api.BatchesFor(id));
    }
}

/// <summary>What the simulated Challenge API received, by challenge.</summary>
internal readonly struct SimulatedChallengeApiView(Loosh.Devnet.ChallengeApi.SimulatedChallengeApi api)
{
    public IReadOnlyList<JsonElement> BatchesFor(string challengeId) =>
        [.. api.Received.Batches.Where(b => b.ChallengeId == challengeId).Select(b => b.Body)];
}
