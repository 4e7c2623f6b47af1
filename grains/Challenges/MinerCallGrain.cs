using System.Text.Json;
using Loosh.Protocols.Miners;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Loosh.Grains.Challenges;

/// <summary>
/// Calls miners on behalf of challenge grains. Reentrant, so one activation per silo keeps any number of calls in
/// flight; the miner client bounds how many run at once and breaks the circuit to failing miners.
/// </summary>
[StatelessWorker, Reentrant]
public sealed partial class MinerCallGrain(
    MinerClient miners,
    IOptions<ChallengePipelineOptions> options,
    TimeProvider timeProvider,
    ILogger<MinerCallGrain> logger) : Grain, IMinerCallGrain
{
    public async Task CallAsync(ChallengeRequest challenge, SelectedMiner miner, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(miner);
        var answer = await AskAsync(challenge, miner, deadline);
        try
        {
            await GrainFactory.GetGrain<IChallengeGrain>(challenge.Id).RecordAnswerAsync(answer);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The challenge grain's deadline or resume reminder records the miner as timed out instead.
            LogReportFailed(logger, miner.Hotkey, challenge.Id, e);
        }
    }

    private async Task<MinerAnswer> AskAsync(ChallengeRequest challenge, SelectedMiner miner, DateTimeOffset deadline)
    {
        var now = timeProvider.GetUtcNow();
        var remaining = deadline - now;
        if (remaining <= TimeSpan.Zero)
        {
            return Unanswered(miner, MinerOutcomeKind.TimedOut, TimeSpan.Zero, "the collection deadline had passed before dispatch");
        }

        using var timeout = new CancellationTokenSource(remaining, timeProvider);
        var request = MinerRequests.Build(challenge);
        Protocols.Miners.MinerOutcome outcome;
        try
        {
            outcome = options.Value.UseFiber
                ? await miners.InferViaFiberAsync(miner.BaseUrl, request, timeout.Token)
                : await miners.InferAsync(miner.BaseUrl, request, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            outcome = new Protocols.Miners.MinerOutcome.TimedOut(timeProvider.GetUtcNow() - now);
        }

        return outcome switch
        {
            Protocols.Miners.MinerOutcome.Answered answered => Answered(miner, answered),
            Protocols.Miners.MinerOutcome.TimedOut timedOut => Unanswered(miner, MinerOutcomeKind.TimedOut, timedOut.Elapsed, "no answer before the deadline"),
            Protocols.Miners.MinerOutcome.Failed failed => Unanswered(miner, MinerOutcomeKind.Failed, failed.Elapsed, $"{failed.Kind}: {failed.Reason}"),
            _ => throw new InvalidOperationException($"Unknown miner outcome {outcome.GetType().Name}."),
        };
    }

    private MinerAnswer Answered(SelectedMiner miner, Protocols.Miners.MinerOutcome.Answered answered)
    {
        var reply = answered.Reply;
        var usage = reply.Usage ?? new MinerUsage(0, 0, 0);
        return new MinerAnswer(
            miner.Hotkey,
            MinerOutcomeKind.Answered,
            reply.ResponseText,
            Milliseconds(answered.Elapsed),
            reply.FinishReason ?? "stop",
            reply.ToolCalls is { Count: > 0 } calls ? JsonSerializer.Serialize(calls, MinerWireJson) : null,
            usage.PromptTokens,
            usage.CompletionTokens,
            usage.TotalTokens,
            null,
            timeProvider.GetUtcNow());
    }

    private MinerAnswer Unanswered(SelectedMiner miner, MinerOutcomeKind kind, TimeSpan elapsed, string error) =>
        new(miner.Hotkey, kind, null, Milliseconds(elapsed), null, null, 0, 0, 0, error, timeProvider.GetUtcNow());

    private static int Milliseconds(TimeSpan elapsed) => (int)Math.Clamp(Math.Round(elapsed.TotalMilliseconds), 0, int.MaxValue);

    /// <summary>Tool calls are passed on in the OpenAI shape the miner sent them in (snake_case).</summary>
    private static readonly JsonSerializerOptions MinerWireJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report miner {Hotkey}'s answer to challenge {ChallengeId}")]
    private static partial void LogReportFailed(ILogger logger, string hotkey, string challengeId, Exception exception);
}
