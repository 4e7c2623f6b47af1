using System.Security.Cryptography;
using System.Text.Json;
using Loosh.Chain.Crypto;
using Loosh.Chain.Wallet;

namespace Loosh.Devnet;

/// <summary>
/// The validator's hotkey as the devnet needs it (to register it on the chain and trust it at the Challenge API), read
/// from the same btwallet files the validator signs with. For a local demo the hotkey can be created once: a random mini
/// secret in btwallet's unencrypted JSON form, readable only by its owner, kept between runs.
/// </summary>
public static class DevnetWallet
{
    /// <summary>The hotkey's public key, creating the hotkey file first when <paramref name="create"/> is set and it is missing.</summary>
    /// <exception cref="WalletFileException">The file is missing (and not to be created) or unusable.</exception>
    public static byte[] HotkeyPublicKey(WalletLayout layout, string? password, bool create)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (create && !File.Exists(layout.HotkeyPath))
        {
            Create(layout.HotkeyPath);
        }
        using var hotkey = WalletKeys.LoadHotkey(layout, password);
        return hotkey.Keys.PublicKey.ToArray();
    }

    private static void Create(string path)
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        using var keys = Sr25519KeyPair.FromMiniSecret(seed);
        var publicKey = "0x" + Convert.ToHexStringLower(keys.PublicKey.Span);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["accountId"] = publicKey,
            ["publicKey"] = publicKey,
            ["secretSeed"] = "0x" + Convert.ToHexStringLower(seed),
            ["ss58Address"] = Ss58.Encode(keys.PublicKey.Span),
        });
        CryptographicOperations.ZeroMemory(seed);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only from the first byte, as btwallet writes key files: the secret is never readable by others.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new FileStream(path, options);
        file.Write(json);
    }
}
