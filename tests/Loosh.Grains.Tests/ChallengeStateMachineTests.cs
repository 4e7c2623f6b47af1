namespace Loosh.Grains.Tests;

/// <summary>The challenge state machine: only forward steps, and nothing leaves a final state.</summary>
public sealed class ChallengeStateMachineTests
{
    private static readonly ChallengeStatus[] All = Enum.GetValues<ChallengeStatus>();

    [Theory]
    [InlineData(ChallengeStatus.Received, ChallengeStatus.Dispatched)]
    [InlineData(ChallengeStatus.Dispatched, ChallengeStatus.Collected)]
    [InlineData(ChallengeStatus.Collected, ChallengeStatus.Evaluated)]
    [InlineData(ChallengeStatus.Collected, ChallengeStatus.Submitted)]
    [InlineData(ChallengeStatus.Evaluated, ChallengeStatus.Submitted)]
    [InlineData(ChallengeStatus.Received, ChallengeStatus.Failed)]
    [InlineData(ChallengeStatus.Dispatched, ChallengeStatus.Failed)]
    [InlineData(ChallengeStatus.Collected, ChallengeStatus.Failed)]
    [InlineData(ChallengeStatus.Evaluated, ChallengeStatus.Failed)]
    public void Forward_steps_are_allowed(ChallengeStatus from, ChallengeStatus to) =>
        Assert.True(ChallengeStateMachine.Allows(from, to));

    [Fact]
    public void Every_other_step_is_refused()
    {
        var allowed = new HashSet<(ChallengeStatus, ChallengeStatus)>
        {
            (ChallengeStatus.Received, ChallengeStatus.Dispatched), (ChallengeStatus.Dispatched, ChallengeStatus.Collected),
            (ChallengeStatus.Collected, ChallengeStatus.Evaluated), (ChallengeStatus.Collected, ChallengeStatus.Submitted),
            (ChallengeStatus.Evaluated, ChallengeStatus.Submitted),
        };
        foreach (var from in All)
        {
            foreach (var to in All)
            {
                var expected = allowed.Contains((from, to)) || (to == ChallengeStatus.Failed && !ChallengeStateMachine.IsFinal(from));
                Assert.Equal(expected, ChallengeStateMachine.Allows(from, to));
            }
        }
        Assert.False(ChallengeStateMachine.Allows(ChallengeStatus.Submitted, ChallengeStatus.Failed));
        Assert.False(ChallengeStateMachine.Allows(ChallengeStatus.Failed, ChallengeStatus.Failed));
    }
}
