using Loosh.Chain.Wallet;

namespace Loosh.Chain.Tests.Wallet;

/// <summary>WalletLayout: btwallet's file layout and the refusal of names that would leave the wallet root.</summary>
public sealed class WalletLayoutTests
{
    private static readonly string Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    [Fact]
    public void The_root_defaults_to_the_btwallet_directory()
    {
        var layout = new WalletLayout("validator", "default");

        Assert.Equal(Path.Combine(Home, ".bittensor", "wallets"), layout.Root);
        Assert.Equal(Path.Combine(Home, ".bittensor", "wallets", "validator", "hotkeys", "default"), layout.HotkeyPath);
        Assert.Equal(Path.Combine(Home, ".bittensor", "wallets", "validator", "coldkeypub.txt"), layout.ColdkeyPubPath);
    }

    [Fact]
    public void A_configured_root_is_used_and_a_leading_tilde_means_home()
    {
        Assert.Equal("/srv/wallets/w/hotkeys/h", new WalletLayout("w", "h", "/srv/wallets").HotkeyPath);
        Assert.Equal(Path.Combine(Home, "keys", "w", "coldkeypub.txt"), new WalletLayout("w", "h", "~/keys").ColdkeyPubPath);
        Assert.Equal(WalletLayout.DefaultRoot, new WalletLayout("w", "h", " ").Root);
    }

    [Theory]
    [InlineData("../other", "default")]
    [InlineData("validator", "..")]
    [InlineData("validator", "a/b")]
    [InlineData("validator", "a\\b")]
    [InlineData("/etc", "default")]
    [InlineData("validator", ".")]
    [InlineData("", "default")]
    [InlineData("validator", " ")]
    public void Names_that_are_not_plain_file_names_are_refused(string wallet, string hotkey)
    {
        var error = Assert.Throws<WalletFileException>(() => new WalletLayout(wallet, hotkey, "/srv/wallets"));

        Assert.Equal(WalletFileProblem.InvalidName, error.Problem);
        Assert.Equal("/srv/wallets", error.Path);
        Assert.Contains("path separators", error.Message, StringComparison.Ordinal);
    }
}
