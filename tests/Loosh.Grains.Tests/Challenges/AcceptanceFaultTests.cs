namespace Loosh.Grains.Tests.Challenges;

/// <summary>
/// Acceptance is not acknowledged until the challenge is stored; when storing fails, the caller's retry (the Challenge
/// API pushes again) is accepted and worked, not answered as a duplicate of a challenge nothing will ever process.
/// </summary>
public sealed class AcceptanceFaultTests(ChallengeNetwork network) : IClassFixture<ChallengeNetwork>
{
    [Fact]
    public async Task A_challenge_whose_state_write_failed_is_accepted_on_retry_and_finished()
    {
        const string id = "accept-fault-1";
        // The database refuses this challenge's grain state once, as it would while failing over.
        await network.Database.ExecuteAsync($"""
            CREATE FUNCTION refuse_state() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'simulated storage failure'; END $$;
            CREATE TRIGGER refuse_state BEFORE INSERT OR UPDATE ON orleans_grain_state
            FOR EACH ROW WHEN (NEW.grain_id_extension LIKE '%{id}%') EXECUTE FUNCTION refuse_state();
            """);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id)));
        }
        finally
        {
            await network.Database.ExecuteAsync("DROP TRIGGER refuse_state ON orleans_grain_state; DROP FUNCTION refuse_state();");
        }

        Assert.Equal(ChallengeAcceptance.Accepted, await network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id)));
        var done = await network.FinishedAsync(id);
        Assert.Equal(ChallengeStatus.Submitted, done!.Status);
        Assert.Single(network.Harness.Api.Received.Batches, b => b.ChallengeId == id);
    }
}
