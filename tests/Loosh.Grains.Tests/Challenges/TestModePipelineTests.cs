using Loosh.Grains.Delivery;
using Loosh.Grains.Tests.Miners;

namespace Loosh.Grains.Tests.Challenges;

/// <summary>TEST_MODE in push mode: nothing is evaluated; the first answer goes to the Challenge API's <c>/fiber/callback</c> on its own.</summary>
public sealed class TestModePipelineTests(TestModeChallengeNetwork network) : IClassFixture<TestModeChallengeNetwork>
{
    [Fact]
    public async Task The_first_answer_goes_to_the_callback_and_no_batch_is_sent()
    {
        const string id = "test-mode-1";
        Assert.Equal(ChallengeAcceptance.Accepted, await network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id)));

        var done = await network.FinishedAsync(id);
        Assert.NotNull(done);
        Assert.Equal(ChallengeStatus.Submitted, done.Status);
        Assert.Equal("test_mode", done.Evaluation!.Path);

        var first = done.Answers.Where(a => a.Kind == MinerOutcomeKind.Answered).MinBy(a => a.At)!;
        Assert.Equal(first.Hotkey, done.Evaluation.BestMinerHotkey);
        var response = Assert.Single(network.Harness.Api.Received.Responses, r => r.Body.GetProperty("id").GetString() == id);
        Assert.Equal(MinerNetworkHarness.OurHotkey, response.ValidatorHotkey);
        Assert.Equal(first.Text, response.Body.GetProperty("text").GetString());
        Assert.Equal(id, response.Body.GetProperty("original_request").GetProperty("id").GetString());

        Assert.DoesNotContain(network.Harness.Api.Received.Batches, b => b.ChallengeId == id);
        Assert.Equal(OutboxKinds.TestCallback, await network.Database.ScalarAsync<string>(
            "SELECT kind FROM outbox WHERE message_id = $1 AND delivered_at IS NOT NULL", OutboxKinds.ResultOf(id)));
    }
}
