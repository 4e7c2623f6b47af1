using Loosh.Protocols.ChallengeApi;
using Orleans.Concurrency;

namespace Loosh.Grains.Challenges;

/// <summary>Runs one pull for the validator grain's challenge tick (see <see cref="IncomingChallenges.PullOnceAsync"/>).</summary>
[StatelessWorker(1)]
public sealed partial class ChallengePullGrain(ChallengeApiClient api, ILogger<ChallengePullGrain> logger) : Grain, IChallengePullGrain
{
    public async Task PullAsync()
    {
        var challengeId = await IncomingChallenges.PullOnceAsync(api, GrainFactory, CancellationToken.None);
        if (challengeId is not null)
        {
            LogPulled(logger, challengeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled challenge {ChallengeId} from the Challenge API")]
    private static partial void LogPulled(ILogger logger, string challengeId);
}
