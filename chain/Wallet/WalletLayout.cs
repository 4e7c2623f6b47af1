namespace Loosh.Chain.Wallet;

/// <summary>
/// Where btwallet keeps a wallet's files: <c>&lt;root&gt;/&lt;wallet&gt;/hotkeys/&lt;hotkey&gt;</c> and
/// <c>&lt;root&gt;/&lt;wallet&gt;/coldkeypub.txt</c>, with the root defaulting to <c>~/.bittensor/wallets</c>. The names come
/// from configuration, so they are refused unless they are plain file names: a name must not reach outside the root.
/// </summary>
public sealed class WalletLayout
{
    /// <exception cref="WalletFileException">A name is empty or contains a path separator or "..".</exception>
    public WalletLayout(string walletName, string hotkeyName, string? root = null)
    {
        Root = string.IsNullOrWhiteSpace(root) ? DefaultRoot : ExpandHome(root);
        WalletName = RequirePlainName(walletName, "wallet", Root);
        HotkeyName = RequirePlainName(hotkeyName, "hotkey", Root);
    }

    /// <summary><c>~/.bittensor/wallets</c>, btwallet's default.</summary>
    public static string DefaultRoot { get; } = Path.Combine(Home, ".bittensor", "wallets");

    public string Root { get; }

    public string WalletName { get; }

    public string HotkeyName { get; }

    public string HotkeyPath => Path.Combine(Root, WalletName, "hotkeys", HotkeyName);

    public string ColdkeyPubPath => Path.Combine(Root, WalletName, "coldkeypub.txt");

    private static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>A leading <c>~</c> means the home directory, as in btwallet's configuration.</summary>
    private static string ExpandHome(string root) =>
        root == "~" || root.StartsWith("~/", StringComparison.Ordinal) ? Home + root[1..] : root;

    private static string RequirePlainName(string name, string kind, string root)
    {
        var plain = !string.IsNullOrWhiteSpace(name)
            && name != "."
            && !name.Contains("..", StringComparison.Ordinal)
            && name.IndexOfAny(['/', '\\', '\0', Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]) < 0;
        if (!plain)
        {
            throw new WalletFileException(root, WalletFileProblem.InvalidName,
                $"the {kind} name \"{name}\" is not a plain file name; expected a non-empty name without path separators or \"..\".");
        }
        return name;
    }
}
