namespace Loosh.Grains.Tests.Challenges;

/// <summary>
/// Acceptance is not acknowledged until the challenge is stored. When storing fails, the caller's retry (the Challenge
/// API pushes again) is accepted and worked, not answered as a duplicate of a challenge nothing will ever process; and
/// the resume reminder, registered before the state so that a crash between the two cannot orphan a challenge, removes
/// itself when no retry comes.
/// </summary>
public sealed class AcceptanceFaultTests(QuickResumeChallengeNetwork network) : IClassFixture<QuickResumeChallengeNetwork>
{
    [Fact]
    public async Task A_challenge_whose_state_write_failed_is_accepted_on_retry_and_finished()
    {
        const string id = "accept-fault-1";
        await FailOneAcceptanceAsync(id);

        Assert.Equal(ChallengeAcceptance.Accepted, await network.Challenge(id).AcceptAsync(ChallengeNetwork.Request(id)));
        var done = await network.FinishedAsync(id);
        Assert.Equal(ChallengeStatus.Submitted, done!.Status);
        Assert.Single(network.Harness.Api.Received.Batches, b => b.ChallengeId == id);
    }

    [Fact]
    public async Task The_reminder_of_a_challenge_that_was_never_stored_removes_itself()
    {
        const string id = "accept-fault-2";
        await FailOneAcceptanceAsync(id);
        // Registered before the state write (its first tick is QuickResumePeriod away, far more than this query takes).
        Assert.Equal(1L, await RemindersAsync(id));

        await Eventually.MatchAsync(() => RemindersAsync(id), count => count == 0, TimeSpan.FromSeconds(60), "the orphaned reminder to go");
        Assert.Null(await network.Challenge(id).GetAsync());
    }

    /// <summary>The database refuses the challenge's grain state once, as it may while failing over; the caller sees the failure.</summary>
    private async Task FailOneAcceptanceAsync(string id)
    {
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
    }

    private Task<long> RemindersAsync(string id) =>
        network.Database.ScalarAsync<long>("SELECT count(*) FROM orleans_reminder WHERE grain_id LIKE '%' || $1 || '%'", id);
}
