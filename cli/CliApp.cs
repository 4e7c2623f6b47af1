using System.Globalization;
using System.Net;
using Loosh.Chain.Crypto;
using Loosh.Chain.Extrinsics;
using Loosh.Chain.Rpc;
using Loosh.Chain.Subtensor;
using Loosh.Chain.Wallet;
using Loosh.Chain.Weights;

namespace Loosh.Cli;

/// <summary>The <c>loosh</c> commands. Every command reads; none sends a transaction except serve-axon.</summary>
internal static class CliApp
{
    /// <summary>The axon version posted with serve_axon: the reference protocol release 1.2.8 as major·10⁶ + minor·10³ + patch.</summary>
    private const uint AxonVersion = 1_002_008;

    private const string Usage = """
        usage: loosh <command> [--option value ...]
          wallet     [--wallet-path DIR] [--wallet NAME] [--hotkey NAME]          the hotkey's address and key form, the coldkey
          metagraph  --netuid N [--network NAME | --endpoint ws://…] [--limit N] the subnet's neurons
          weights    --netuid N --uids 0,1,2 --weights 0.2,0.3,0.5 [--version-key K]
                                                                               the set_weights call that would be sent, and
                                                                               whether the chain would accept it; sends nothing
          serve-axon --netuid N --ip ADDRESS --port P [--protocol 4]            posts this validator's address to the chain
                                                                               (signed by the hotkey), as fiber-post-ip does
          evaluate   --input FILE|- [--heatmap OUT.png] [--profile reference|quality-gated] [--model-dir DIR]
                                                                               scores a challenge's answers as the validator
                                                                               does and prints the result as JSON
        Options fall back to NETUID, SUBTENSOR_NETWORK, SUBTENSOR_ADDRESS, WALLET_PATH, WALLET_NAME, HOTKEY_NAME, HOTKEY_PASSWORD,
        SCORING_PROFILE, EMBEDDING_MODEL_PATH.
        """;

    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string> environment, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var options = CliOptions.Parse(args[1..], environment);
            return args[0] switch
            {
                "wallet" => await WalletAsync(options, output).ConfigureAwait(false),
                "metagraph" => await MetagraphAsync(options, output).ConfigureAwait(false),
                "weights" => await WeightsAsync(options, output).ConfigureAwait(false),
                "serve-axon" => await ServeAxonAsync(options, output).ConfigureAwait(false),
                "evaluate" => await EvaluateCommand.RunAsync(options, output).ConfigureAwait(false),
                _ => throw new CliException($"unknown command '{args[0]}'; run loosh --help"),
            };
        }
        catch (Exception e) when (e is CliException or WalletFileException or RpcConnectionException or RpcErrorException
                                       or TransactionRejectedException or UnsupportedRuntimeException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    private static Task<int> WalletAsync(CliOptions options, TextWriter output)
    {
        var layout = Layout(options);
        using var hotkey = WalletKeys.LoadHotkey(layout, options.Text("password", "HOTKEY_PASSWORD"));
        output.WriteLine($"wallet   {layout.WalletName} in {layout.Root}");
        output.WriteLine($"hotkey   {layout.HotkeyName}: {hotkey.Ss58Address}");
        output.WriteLine($"  public 0x{Convert.ToHexStringLower(hotkey.Keys.PublicKey.Span)}");
        output.WriteLine($"  from   {FieldName(hotkey.Form)} in {hotkey.Path}");
        try
        {
            var coldkey = WalletFiles.ReadColdkeyPub(layout);
            output.WriteLine($"coldkey  {coldkey.Ss58Address ?? Ss58.Encode(coldkey.PublicKey.Span)} (from {coldkey.Path})");
        }
        catch (WalletFileException e) when (e.Problem == WalletFileProblem.Missing)
        {
            output.WriteLine($"coldkey  none: {layout.ColdkeyPubPath} does not exist");
        }
        return Task.FromResult(0);
    }

    private static async Task<int> MetagraphAsync(CliOptions options, TextWriter output)
    {
        var netuid = options.Netuid;
        var limit = CliOptions.ParseNumber<int>("limit", options.Text("limit") ?? "256");
        await using var rpc = new SubstrateRpcClient(options.Endpoint);
        using var reader = new SubtensorReader(new SubtensorNode(rpc));
        var neurons = await reader.GetNeuronsAsync(netuid).ConfigureAwait(false);
        await output.WriteLineAsync($"netuid {netuid} at {rpc.Endpoint}: {neurons.Length} neurons").ConfigureAwait(false);
        await output.WriteLineAsync($"{"uid",5} {"hotkey",-48} {"stake τ",14} {"axon",-24} {"permit",6} {"last update",11}").ConfigureAwait(false);
        foreach (var neuron in neurons.Take(limit))
        {
            var axon = neuron.Axon.Port == 0 ? "-" : $"{neuron.Axon.Address}:{neuron.Axon.Port}";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{neuron.Uid,5} {Ss58.Encode(neuron.Hotkey.ToArray()),-48} {neuron.TotalStakeTao,14:0.####} {axon,-24} {(neuron.ValidatorPermit ? "yes" : "no"),6} {neuron.LastUpdate,11}"))
                .ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task<int> WeightsAsync(CliOptions options, TextWriter output)
    {
        var netuid = options.Netuid;
        var uids = List(options.Required("uids"), text => CliOptions.ParseNumber<ushort>("uid", text));
        var weights = List(options.Required("weights"), text => CliOptions.ParseNumber<double>("weight", text));
        using var hotkey = WalletKeys.LoadHotkey(Layout(options), options.Text("password", "HOTKEY_PASSWORD"));
        await using var rpc = new SubstrateRpcClient(options.Endpoint);
        using var reader = new SubtensorReader(new SubtensorNode(rpc));
        var parameters = await reader.GetWeightSettingParametersAsync(netuid).ConfigureAwait(false);
        var standing = await reader.GetStandingAsync(netuid, hotkey.Keys.PublicKey).ConfigureAwait(false);
        var versionKey = options.Text("version-key") is { } key ? CliOptions.ParseNumber<ulong>("version key", key) : parameters.WeightsVersionKey;

        ChainWeights chainWeights;
        try
        {
            var limits = new SubnetWeightLimits(parameters.NeuronCount, parameters.MinAllowedWeights, parameters.MaxWeightsLimit);
            chainWeights = WeightConversion.ToChainWeights(WeightProcessing.ProcessForSubnet(uids, weights, limits));
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }

        await output.WriteLineAsync($"hotkey {hotkey.Ss58Address} on netuid {netuid}: {(standing is null ? "not registered" : $"uid {standing.Uid}, permit {(standing.ValidatorPermit ? "yes" : "no")}, last update {standing.BlocksSinceLastUpdate} blocks ago")}")
            .ConfigureAwait(false);
        await output.WriteLineAsync($"set_weights(netuid {netuid}, version_key {versionKey})").ConfigureAwait(false);
        await output.WriteLineAsync($"  dests   [{string.Join(", ", chainWeights.Uids)}]").ConfigureAwait(false);
        await output.WriteLineAsync($"  weights [{string.Join(", ", chainWeights.Values)}]").ConfigureAwait(false);
        var problems = WeightPrecheck.Check(parameters, standing, chainWeights, versionKey);
        foreach (var problem in problems)
        {
            await output.WriteLineAsync($"  refused: {problem.Detail}").ConfigureAwait(false);
        }
        await output.WriteLineAsync(problems.Count == 0 ? "the chain would accept these weights (nothing was sent)" : "the chain would refuse these weights (nothing was sent)")
            .ConfigureAwait(false);
        return problems.Count == 0 ? 0 : 1;
    }

    private static async Task<int> ServeAxonAsync(CliOptions options, TextWriter output)
    {
        var netuid = options.Netuid;
        var ip = IPAddress.TryParse(options.Required("ip"), out var address) ? address : throw new CliException($"'{options.Text("ip")}' is not an IP address");
        var port = CliOptions.ParseNumber<ushort>("port", options.Required("port"));
        var protocol = CliOptions.ParseNumber<byte>("protocol", options.Text("protocol") ?? "4");
        using var hotkey = WalletKeys.LoadHotkey(Layout(options), options.Text("password", "HOTKEY_PASSWORD"));
        await using var rpc = new SubstrateRpcClient(options.Endpoint);
        using var reader = new SubtensorReader(new SubtensorNode(rpc));
        var metadata = await reader.MetadataAsync().ConfigureAwait(false);
        var call = SubtensorCalls.ServeAxon(metadata, netuid, AxonVersion, ip, port, protocol);
        var outcome = await new ExtrinsicSubmitter(reader.Node, metadata).SubmitAsync(call, hotkey.Keys).ConfigureAwait(false);
        await output.WriteLineAsync($"serve_axon({ip}:{port}) by {hotkey.Ss58Address} in block 0x{Convert.ToHexStringLower(outcome.BlockHash)}: {(outcome.Succeeded ? "accepted" : $"failed: {outcome.Error}")}")
            .ConfigureAwait(false);
        return outcome.Succeeded ? 0 : 1;
    }

    private static WalletLayout Layout(CliOptions options)
    {
        try
        {
            return new WalletLayout(options.Text("wallet", "WALLET_NAME") ?? "validator", options.Text("hotkey", "HOTKEY_NAME") ?? "validator",
                options.Text("wallet-path", "WALLET_PATH"));
        }
        catch (WalletFileException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static List<T> List<T>(string text, Func<string, T> parse) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse)];

    private static string FieldName(HotkeySecretForm form) => form switch
    {
        HotkeySecretForm.Phrase => "secretPhrase",
        HotkeySecretForm.Seed => "secretSeed",
        _ => "privateKey",
    };
}
