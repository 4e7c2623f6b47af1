using System.Security.Cryptography;
using Loosh.Chain.Crypto;
using Loosh.Chain.Metadata;
using Loosh.Chain.Tests;
using Loosh.Chain.Tests.Chopsticks;
using Loosh.Devnet.Chain;

namespace Loosh.Cli.Tests;

/// <summary>The operator commands, run in process with their output captured.</summary>
[Collection(ChopsticksTests.Name)]
public sealed class CliTests(ChopsticksNode node) : IDisposable
{
    private const string LeopardPhrase = "old leopard transfer rib spatial phone calm indicate online fire caution review";
    private const string LeopardAddress = "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX";
    private readonly string _walletRoot = Directory.CreateTempSubdirectory("loosh-cli-").FullName;

    public void Dispose() => Directory.Delete(_walletRoot, recursive: true);

    [Fact]
    public async Task Wallet_shows_the_hotkey_address_and_which_secret_gave_it()
    {
        WriteHotkey($$"""{"secretPhrase":"{{LeopardPhrase}}"}""");

        var (code, output, _) = await RunAsync("wallet", "--wallet-path", _walletRoot, "--hotkey", "default");

        Assert.Equal(0, code);
        Assert.Contains(LeopardAddress, output, StringComparison.Ordinal);
        Assert.Contains("from   secretPhrase", output, StringComparison.Ordinal);
        Assert.Contains("coldkey  none", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_wallet_is_one_error_line_naming_the_file()
    {
        var (code, _, error) = await RunAsync("wallet", "--wallet-path", _walletRoot, "--hotkey", "absent");

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_walletRoot, "validator", "hotkeys", "absent"), error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Bad_command_lines_are_refused_with_usage_or_a_reason()
    {
        Assert.Equal(2, (await RunAsync()).Code);
        Assert.Contains("unknown command", (await RunAsync("frobnicate")).Error, StringComparison.Ordinal);
        Assert.Contains("--netuid (or NETUID) is required", (await RunAsync("metagraph")).Error, StringComparison.Ordinal);
        Assert.Contains("is not a valid UInt16", (await RunAsync("metagraph", "--netuid", "70000")).Error, StringComparison.Ordinal);
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task Metagraph_prints_the_subnets_neurons_from_the_chain()
    {
        var (code, output, _) = await RunAsync("metagraph", "--netuid", "1", "--endpoint", node.Endpoint.ToString());

        Assert.Equal(0, code);
        Assert.Contains("netuid 1", output, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+0 5[1-9A-HJ-NP-Za-km-z]{47}", output);
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task Weights_preview_shows_the_call_and_why_the_chain_would_refuse_it_without_sending()
    {
        WriteHotkey($$"""{"secretPhrase":"{{LeopardPhrase}}"}""");

        var (code, output, _) = await RunAsync("weights", "--netuid", "1", "--endpoint", node.Endpoint.ToString(),
            "--wallet-path", _walletRoot, "--hotkey", "default", "--uids", "0", "--weights", "0.5");

        Assert.Equal(1, code);
        Assert.Contains("dests   [0]", output, StringComparison.Ordinal);
        Assert.Contains("weights [65535]", output, StringComparison.Ordinal);
        Assert.Contains("not registered on netuid 1", output, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", output, StringComparison.Ordinal);
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task Serve_axon_posts_the_address_to_the_chain_signed_by_the_hotkey()
    {
        const ushort netuid = 1;
        var seed = RandomNumberGenerator.GetBytes(32);
        WriteHotkey($$"""{"secretSeed":"0x{{Convert.ToHexStringLower(seed)}}"}""");
        using var keys = Sr25519KeyPair.FromMiniSecret(seed);
        await using var chain = await ChopsticksChain.ConnectAsync(node.Endpoint);
        await chain.RegisterValidatorAsync(netuid, keys.PublicKey.ToArray(), RandomNumberGenerator.GetBytes(32));

        var (code, output, error) = await RunAsync("serve-axon", "--netuid", "1", "--endpoint", node.Endpoint.ToString(),
            "--wallet-path", _walletRoot, "--hotkey", "default", "--ip", "203.0.113.7", "--port", "8091");

        Assert.True(code == 0, output + error);
        Assert.Contains("accepted", output, StringComparison.Ordinal);
        var best = await chain.Node.GetBestBlockAsync();
        var axon = await chain.ReadAsync("SubtensorModule", "Axons", best.Hash, ChopsticksChain.U16(netuid), keys.PublicKey.ToArray());
        var fields = Assert.IsType<CompositeValue>(axon).Fields;
        Assert.Equal((UInt128)8091, Assert.IsType<UnsignedValue>(fields.Single(f => f.Name == "port").Value).Value);
        Assert.Equal((UInt128)0xCB007107, Assert.IsType<UnsignedValue>(fields.Single(f => f.Name == "ip").Value).Value); // 203.0.113.7
    }


    private void WriteHotkey(string json)
    {
        var path = Path.Combine(_walletRoot, "validator", "hotkeys", "default");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new Dictionary<string, string>(), output, error);
        return (code, output.ToString(), error.ToString());
    }
}
