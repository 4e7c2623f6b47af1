using System.Globalization;
using Loosh.Devnet.ChallengeApi;
using Loosh.Devnet.Llm;

namespace Loosh.Devnet;

/// <summary>
/// <c>dotnet run --project devnet</c>: simulated miners and a simulated Challenge API on loopback, so a validator can
/// be run end to end on one machine without a subnet or the central service.
/// </summary>
public static class DevnetCommand
{
    private const string Usage = "usage: devnet [--miners N] [--api-port PORT] [--validator SS58]...";

    /// <summary>The mix handed out in order (and cycled): honest miners first, so a CopyCat always has one to copy.</summary>
    private static readonly MinerBehaviour[] DefaultMix =
    [
        new MinerBehaviour.Honest(),
        new MinerBehaviour.Honest(),
        new MinerBehaviour.Slow(TimeSpan.FromSeconds(3)),
        new MinerBehaviour.CopyCat(0),
        new MinerBehaviour.Garbage(),
        new MinerBehaviour.Empty(),
        new MinerBehaviour.Timeout(),
        new MinerBehaviour.HttpError(500),
        new MinerBehaviour.RateLimited(TimeSpan.FromSeconds(5)),
        new MinerBehaviour.MalformedJson(),
        new MinerBehaviour.Initializing(),
    ];

    /// <summary>Starts everything, prints one line per peer, and runs until <paramref name="ct"/> is cancelled.</summary>
    /// <returns>The process exit code: 0 after a clean stop, 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Parse(args) is not { } settings)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var behaviours = Enumerable.Range(0, settings.Miners).Select(i => DefaultMix[i % DefaultMix.Length]).ToList();
        await using var miners = await DevnetMiners.StartAsync(behaviours, ct);
        await using var api = await SimulatedChallengeApi.StartAsync(
            new SimulatedChallengeApiOptions { Port = settings.ApiPort, ValidatorHotkeys = settings.Validators }, ct: ct);
        await using var llm = await SimulatedChatCompletions.StartAsync(
            new ChatCompletionsBehaviour.Answer("The answers agreed on the substance; consensus was reached."), ct: ct);
        foreach (var miner in miners.Miners)
        {
            await output.WriteLineAsync($"miner {miner.Index,-3} {miner.Behaviour,-40} {miner.BaseUrl}");
        }
        await output.WriteLineAsync($"challenge-api {api.BaseUrl} hotkey {api.Hotkey}");
        await output.WriteLineAsync($"llm {llm.Url} (LLM_API_URL for the narrative)");
        await output.WriteLineAsync(settings.Validators.Count == 0
            ? "no --validator given: the Challenge API refuses every signed and Fiber call"
            : $"validators trusted by the Challenge API: {string.Join(", ", settings.Validators)}");
        await output.WriteLineAsync("running; Ctrl-C stops");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await output.WriteLineAsync("stopping");
        }
        return 0;
    }

    private static Settings? Parse(IReadOnlyList<string> args)
    {
        var settings = new Settings(7, 0, []);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                return null;
            }
            var value = args[i + 1];
            switch (args[i])
            {
                case "--miners" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var miners) && miners is > 0 and <= 1000:
                    settings = settings with { Miners = miners };
                    break;
                case "--api-port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535:
                    settings = settings with { ApiPort = port };
                    break;
                case "--validator":
                    settings = settings with { Validators = [.. settings.Validators, value] };
                    break;
                default:
                    return null;
            }
        }
        return settings;
    }

    private sealed record Settings(int Miners, int ApiPort, IReadOnlyList<string> Validators);
}
