using Orleans.Concurrency;

namespace Loosh.GrainInterfaces;

/// <summary>
/// Calls one miner for one challenge and reports the answer back to the challenge's grain. A stateless worker, so
/// the calls of every challenge run side by side and no challenge grain is held for the length of a miner's answer.
/// </summary>
[Alias("Loosh.IMinerCallGrain")]
public interface IMinerCallGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Sends <paramref name="challenge"/> to <paramref name="miner"/> and, whatever happens (answer, timeout at
    /// <paramref name="deadline"/>, error), reports it with <see cref="IChallengeGrain.RecordAnswerAsync"/>. Returns at
    /// once; the caller does not wait for the miner.
    /// </summary>
    [Alias("Call"), OneWay]
    Task CallAsync(ChallengeRequest challenge, SelectedMiner miner, DateTimeOffset deadline);
}
