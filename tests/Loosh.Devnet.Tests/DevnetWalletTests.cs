using Loosh.Chain.Crypto;
using Loosh.Chain.Wallet;

namespace Loosh.Devnet.Tests;

/// <summary>The dev wallet run.sh relies on: created once in btwallet's form, owner-only, and the same key on every later run.</summary>
public sealed class DevnetWalletTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("loosh-devnet-wallet-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_hotkey_is_created_once_and_the_validator_loads_the_same_key()
    {
        var layout = new WalletLayout("devnet", "validator", _root);

        var created = DevnetWallet.HotkeyPublicKey(layout, password: null, create: true);
        var again = DevnetWallet.HotkeyPublicKey(layout, password: null, create: true);

        Assert.Equal(created, again);
        using var loaded = WalletKeys.LoadHotkey(layout);
        Assert.Equal((HotkeySecretForm.Seed, Ss58.Encode(created)), (loaded.Form, loaded.Ss58Address));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.HotkeyPath));
        }
    }

    [Fact]
    public void A_missing_hotkey_is_not_created_unless_asked()
    {
        var layout = new WalletLayout("operator", "validator", _root);

        Assert.Throws<WalletFileException>(() => DevnetWallet.HotkeyPublicKey(layout, password: null, create: false));
        Assert.False(File.Exists(layout.HotkeyPath));
    }

    [Theory]
    [InlineData("--chain", "ws://127.0.0.1:9944")]
    [InlineData("--feed", "push")]
    [InlineData("--create-wallet")]
    public async Task Chain_feed_and_wallet_creation_without_what_they_need_print_the_usage(params string[] args)
    {
        using var error = new StringWriter();

        var code = await DevnetCommand.RunAsync(args, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.StartsWith("usage:", error.ToString(), StringComparison.Ordinal);
    }
}
