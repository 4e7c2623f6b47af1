using Loosh.Evaluation.Scoring;
using Loosh.Grains.Tests.Miners;

namespace Loosh.Grains.Tests.Challenges;

/// <summary>
/// The challenge pipeline in pull mode (the original protocol): the validator's challenge reminder fetches a challenge
/// from the Challenge API, the miners are called over plain HTTP <c>/inference</c>, and the scored batch goes back.
/// </summary>
public sealed class PullModePipelineTests(PullChallengeNetwork network) : IClassFixture<PullChallengeNetwork>
{
    [Fact]
    public async Task A_pulled_challenge_is_answered_over_plain_http_scored_and_delivered_once()
    {
        const string id = "pull-1";
        network.Harness.Api.EnqueueChallenge(ChallengeNetwork.RequestJson(id));

        // Nobody hands the challenge in: the challenge reminder (every 2 s here) pulls it.
        var done = await network.FinishedAsync(id, TimeSpan.FromMinutes(2));
        Assert.NotNull(done);
        Assert.Equal(ChallengeSource.Pull, done.Request.Source);
        Assert.Equal(ChallengeStatus.Submitted, done.Status);
        Assert.Equal(
            [ChallengeStatus.Received, ChallengeStatus.Dispatched, ChallengeStatus.Collected, ChallengeStatus.Evaluated, ChallengeStatus.Submitted],
            done.History.Select(h => h.Status));
        Assert.Equal(5, done.Miners.Count);
        Assert.Equal(MinerOutcomeKind.TimedOut, done.Answers.Single(a => a.Hotkey == network.Miners[ChallengeNetwork.SilentUid].Hotkey).Kind);
        Assert.Equal(4, done.Answers.Count(a => a.Kind == MinerOutcomeKind.Answered));

        // Plain HTTP: every miner was asked, and none was ever offered a Fiber key.
        Assert.All(network.Miners, miner =>
        {
            Assert.True(miner.InferenceCount >= 1);
            Assert.Equal(0, miner.KeyExchanges);
        });

        var batch = Assert.Single(network.Harness.Api.Received.Batches, b => b.ChallengeId == id);
        Assert.Equal("encrypted", batch.Route);
        Assert.Equal(MinerNetworkHarness.OurHotkey, batch.Hotkey);
        var emissions = await ChallengeBatches.AssertMatchesAsync(batch.Body, done, ScoringProfile.Reference);
        var honest = network.Miners[0].Hotkey;
        var honestOutcome = (await network.Harness.Miner(honest).GetAsync()).RecentOutcomes.Single(o => o.ChallengeId == id);
        Assert.Equal(emissions[honest], honestOutcome.Emission!.Value, 12);
        Assert.Equal("submitted", await network.Database.ScalarAsync<string>("SELECT status FROM challenges WHERE challenge_id = $1", id));
    }
}
