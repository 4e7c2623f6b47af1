using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Loosh.Chain.Crypto;
using Loosh.Chain.Rpc;
using Loosh.Chain.Wallet;
using Loosh.Devnet.Chain;
using Loosh.Devnet.ChallengeApi;
using Loosh.Devnet.Llm;

namespace Loosh.Devnet;

/// <summary>
/// <c>dotnet run --project devnet</c>: simulated miners and a simulated Challenge API on loopback, so a validator can
/// be run end to end on one machine without a subnet or the central service.
/// </summary>
public static class DevnetCommand
{
    private const string Usage =
        "usage: devnet [--miners N] [--api-port PORT] [--validator SS58]... [--wallet-path DIR --wallet-name NAME --hotkey-name NAME " +
        "[--create-wallet]] [--chain WS-URL --netuid N] [--feed push|pull --feed-seconds S --validator-url URL]";

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

    /// <summary>
    /// Starts everything, prints one line per peer, and runs until <paramref name="ct"/> is cancelled. With a wallet the
    /// validator's hotkey is trusted by the Challenge API; with a chain the subnet is laid out on it (the validator at
    /// uid 0, each miner with its loopback axon); with a feed the Challenge API sends a corpus challenge every interval.
    /// </summary>
    /// <returns>The process exit code: 0 after a clean stop, 1 when the wallet or the chain is unusable, 2 for bad arguments.</returns>
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
        byte[]? validator = null;
        if (settings.Wallet is { } wallet)
        {
            try
            {
                // The validator reads the same password from the same variable.
                validator = DevnetWallet.HotkeyPublicKey(wallet, Environment.GetEnvironmentVariable("HOTKEY_PASSWORD"), settings.CreateWallet);
            }
            catch (WalletFileException e)
            {
                await error.WriteLineAsync($"wallet: {e.Message}");
                return 1;
            }
        }
        var validators = validator is null ? settings.Validators : [.. settings.Validators, Ss58.Encode(validator)];
        var behaviours = Enumerable.Range(0, settings.Miners).Select(i => DefaultMix[i % DefaultMix.Length]).ToList();
        await using var miners = await DevnetMiners.StartAsync(behaviours, ct);
        await using var api = await SimulatedChallengeApi.StartAsync(
            new SimulatedChallengeApiOptions { Port = settings.ApiPort, ValidatorHotkeys = validators }, ct: ct);
        await using var llm = await SimulatedChatCompletions.StartAsync(
            new ChatCompletionsBehaviour.Answer("The answers agreed on the substance; consensus was reached."), ct: ct);
        foreach (var miner in miners.Miners)
        {
            await output.WriteLineAsync($"miner {miner.Index,-3} {miner.Behaviour,-40} {miner.BaseUrl}");
        }
        if (validator is not null)
        {
            await output.WriteLineAsync($"wallet {settings.Wallet!.HotkeyPath} hotkey {Ss58.Encode(validator)}");
        }
        await output.WriteLineAsync($"challenge-api {api.BaseUrl} hotkey {api.Hotkey}");
        await output.WriteLineAsync($"llm {llm.Url} (LLM_API_URL for the narrative)");
        await output.WriteLineAsync(validators.Count == 0
            ? "no --validator given: the Challenge API refuses every signed and Fiber call"
            : $"validators trusted by the Challenge API: {string.Join(", ", validators)}");
        if (settings.Chain is { } endpoint)
        {
            try
            {
                await LayOutChainAsync(endpoint, settings.Netuid, validator!, miners.Miners);
            }
            catch (Exception e) when (e is RpcConnectionException or RpcErrorException or InvalidOperationException)
            {
                await error.WriteLineAsync($"chain {endpoint}: {e.Message}");
                return 1;
            }
            await output.WriteLineAsync(
                $"chain {endpoint} netuid {settings.Netuid}: validator {validators[^1]} at uid 0, miners at uids 1-{miners.Miners.Count} with their axons");
        }
        var feed = settings.Feed is { } mode
            ? ChallengeFeed.RunAsync(api, mode, settings.ValidatorUrl!, settings.FeedInterval, output, ct)
            : Task.Delay(Timeout.InfiniteTimeSpan, ct);
        await output.WriteLineAsync("running; Ctrl-C stops");
        try
        {
            await feed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await output.WriteLineAsync("stopping");
        }
        return 0;
    }

    private static async Task LayOutChainAsync(Uri endpoint, ushort netuid, byte[] validator, IReadOnlyList<SimulatedMiner> miners)
    {
        await using var chain = await ChopsticksChain.ConnectAsync(endpoint);
        var loopback = BinaryPrimitives.ReadUInt32BigEndian(IPAddress.Loopback.GetAddressBytes());
        await SubnetLayout.LayOutAsync(chain, netuid, validator,
            [.. miners.Select(m => new SubnetMiner(Ss58.Decode(m.Hotkey).AccountId, loopback, (ushort)m.BaseUrl.Port))]);
    }

    private static Settings? Parse(IReadOnlyList<string> args)
    {
        var settings = new Settings(7, 0, []);
        string? walletPath = null, walletName = null, hotkeyName = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] == "--create-wallet")
            {
                settings = settings with { CreateWallet = true };
                i--;
                continue;
            }
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
                case "--wallet-path":
                    walletPath = value;
                    break;
                case "--wallet-name":
                    walletName = value;
                    break;
                case "--hotkey-name":
                    hotkeyName = value;
                    break;
                case "--chain" when Uri.TryCreate(value, UriKind.Absolute, out var chain) && chain.Scheme is "ws" or "wss":
                    settings = settings with { Chain = chain };
                    break;
                case "--netuid" when ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var netuid):
                    settings = settings with { Netuid = netuid };
                    break;
                case "--feed" when value is "push" or "pull":
                    settings = settings with { Feed = value == "push" ? FeedMode.Push : FeedMode.Pull };
                    break;
                case "--feed-seconds" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    settings = settings with { FeedInterval = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--validator-url" when Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https":
                    settings = settings with { ValidatorUrl = url };
                    break;
                default:
                    return null;
            }
        }
        if (walletPath is not null || walletName is not null || hotkeyName is not null)
        {
            try
            {
                settings = settings with { Wallet = new WalletLayout(walletName ?? "validator", hotkeyName ?? "validator", walletPath) };
            }
            catch (WalletFileException)
            {
                return null;
            }
        }
        // The chain layout registers the validator's own hotkey, and a push needs the validator's address.
        var complete = (settings.Chain is null || settings.Wallet is not null)
            && (settings.Feed != FeedMode.Push || settings.ValidatorUrl is not null)
            && (!settings.CreateWallet || settings.Wallet is not null);
        return complete ? settings : null;
    }

    private sealed record Settings(int Miners, int ApiPort, IReadOnlyList<string> Validators)
    {
        public WalletLayout? Wallet { get; init; }

        public bool CreateWallet { get; init; }

        public Uri? Chain { get; init; }

        public ushort Netuid { get; init; } = 78;

        public FeedMode? Feed { get; init; }

        public TimeSpan FeedInterval { get; init; } = TimeSpan.FromSeconds(15);

        public Uri? ValidatorUrl { get; init; }
    }
}
