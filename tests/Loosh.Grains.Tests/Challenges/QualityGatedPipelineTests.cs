using Loosh.Evaluation.Scoring;

namespace Loosh.Grains.Tests.Challenges;

/// <summary>
/// The quality-gated profile records a zero for a chosen miner that did not answer, so silence pulls its moving average
/// down; the reference records nothing (see <see cref="ChallengePipelineTests"/>).
/// </summary>
public sealed class QualityGatedPipelineTests(QualityGatedChallengeNetwork network) : IClassFixture<QualityGatedChallengeNetwork>
{
    [Fact]
    public async Task A_miner_that_times_out_gets_a_recorded_zero()
    {
        const string id = "quality-gated-1";
        Assert.Equal(ChallengeAcceptance.Accepted, await network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id)));

        var done = await network.FinishedAsync(id);
        Assert.NotNull(done);
        Assert.Equal(ChallengeStatus.Submitted, done.Status);
        var silent = network.Miners[ChallengeNetwork.SilentUid].Hotkey;
        Assert.Equal(MinerOutcomeKind.TimedOut, done.Answers.Single(a => a.Hotkey == silent).Kind);

        var outcome = (await network.Harness.Miner(silent).GetAsync()).RecentOutcomes.Single(o => o.ChallengeId == id);
        Assert.Equal(MinerOutcomeKind.TimedOut, outcome.Kind);
        Assert.Equal(0.0, outcome.Emission);

        // The answered miners are scored as the library scores them under this profile.
        var batch = Assert.Single(network.Harness.Api.Received.Batches, b => b.ChallengeId == id);
        await ChallengeBatches.AssertMatchesAsync(batch.Body, done, ScoringProfile.QualityGated);
    }
}
