namespace Loosh.GrainInterfaces;

/// <summary>
/// The allowed steps of a challenge: Received → Dispatched → Collected → Evaluated → Submitted, with Failed
/// reachable from every step that is not final. Collected → Submitted is TEST_MODE, which submits without evaluating.
/// </summary>
public static class ChallengeStateMachine
{
    public static bool Allows(ChallengeStatus from, ChallengeStatus to) => (from, to) switch
    {
        (ChallengeStatus.Received, ChallengeStatus.Dispatched) => true,
        (ChallengeStatus.Dispatched, ChallengeStatus.Collected) => true,
        (ChallengeStatus.Collected, ChallengeStatus.Evaluated) => true,
        (ChallengeStatus.Collected, ChallengeStatus.Submitted) => true,
        (ChallengeStatus.Evaluated, ChallengeStatus.Submitted) => true,
        (_, ChallengeStatus.Failed) => !IsFinal(from),
        _ => false,
    };

    public static bool IsFinal(ChallengeStatus status) => status is ChallengeStatus.Submitted or ChallengeStatus.Failed;
}
