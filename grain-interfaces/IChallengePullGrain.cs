using Orleans.Concurrency;

namespace Loosh.GrainInterfaces;

/// <summary>
/// Pull mode (the original protocol): fetches one challenge from the Challenge API and hands it to its grain. A
/// stateless worker, so a slow or unreachable API never holds up the validator grain that schedules the pulls.
/// </summary>
[Alias("Loosh.IChallengePullGrain")]
public interface IChallengePullGrain : IGrainWithIntegerKey
{
    [Alias("Pull"), OneWay]
    Task PullAsync();
}
