using System.Security.Cryptography;

namespace Loosh.Chain.Wallet;

/// <summary>
/// Reads a validator's wallet files: the hotkey keyfile (plain JSON or <c>$NACL</c>-encrypted) and the public-only
/// <c>coldkeypub.txt</c>. Keys are not derived here; the result says which secret the file holds. Legacy Ansible Vault
/// and Fernet keyfiles are recognised and refused by name, so the operator knows to re-encrypt with a current btcli.
/// </summary>
public static class WalletFiles
{
    /// <summary>Keyfiles are well under a kilobyte; anything much larger is not one.</summary>
    private const int MaxFileBytes = 64 * 1024;

    /// <summary>Reads <see cref="WalletLayout.HotkeyPath"/>.</summary>
    /// <param name="layout">Where the wallet lives.</param>
    /// <param name="password">Needed only for a <c>$NACL</c> keyfile; null or empty means none was given.</param>
    /// <exception cref="WalletFileException">The file is missing, unreadable, malformed, encrypted in a way this cannot open, or holds no secret.</exception>
    public static HotkeySecret ReadHotkey(WalletLayout layout, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return ReadHotkeyFile(layout.HotkeyPath, password);
    }

    /// <summary>Reads a hotkey keyfile at an explicit path (plain JSON or <c>$NACL</c>).</summary>
    /// <param name="path">The keyfile.</param>
    /// <param name="password">Needed only for a <c>$NACL</c> keyfile; null or empty means none was given.</param>
    /// <exception cref="WalletFileException">The file is missing, unreadable, malformed, encrypted in a way this cannot open, or holds no secret.</exception>
    public static HotkeySecret ReadHotkeyFile(string path, string? password = null)
    {
        var data = ReadFile(path);
        byte[]? decrypted = null;
        try
        {
            RefuseLegacy(data, path);
            decrypted = NaclKeyfile.IsNacl(data) ? NaclKeyfile.Decrypt(data, RequirePassword(password, path), path) : null;
            using var fields = KeyfileJson.Parse(decrypted ?? data, path);
            return HotkeySecretReader.FromFields(fields, path);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
            CryptographicOperations.ZeroMemory(decrypted);
        }
    }

    /// <summary>Reads <see cref="WalletLayout.ColdkeyPubPath"/>.</summary>
    /// <exception cref="WalletFileException">The file is missing, unreadable, malformed or declares no key.</exception>
    public static PublicKeyFile ReadColdkeyPub(WalletLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return ReadPublicKeyFile(layout.ColdkeyPubPath);
    }

    /// <summary>Reads a public-only keyfile (<c>coldkeypub.txt</c>, a hotkey's <c>…pub.txt</c>) at an explicit path.</summary>
    /// <exception cref="WalletFileException">The file is missing, unreadable, malformed or declares no key.</exception>
    public static PublicKeyFile ReadPublicKeyFile(string path)
    {
        var data = ReadFile(path);
        if (NaclKeyfile.IsNacl(data))
        {
            throw new WalletFileException(path, WalletFileProblem.UnsupportedFormat, "the public key file is $NACL-encrypted; expected plain JSON (public key files are never encrypted).");
        }
        RefuseLegacy(data, path);
        using var fields = KeyfileJson.Parse(data, path);
        var publicKey = HotkeySecretReader.DeclaredPublicKey(fields, path);
        if (publicKey is null && fields.Ss58Address is null)
        {
            throw new WalletFileException(path, WalletFileProblem.NoKeyField, "the file has no publicKey, accountId or ss58Address; expected a public key file.");
        }
        return new PublicKeyFile(path, publicKey ?? [], fields.Ss58Address);
    }

    private static string RequirePassword(string? password, string path) =>
        string.IsNullOrEmpty(password)
            ? throw new WalletFileException(path, WalletFileProblem.PasswordRequired, "the keyfile is $NACL-encrypted and no password was given; expected the keyfile's password.")
            : password;

    private static void RefuseLegacy(ReadOnlySpan<byte> data, string path)
    {
        var format = data.StartsWith("$ANSIBLE_VAULT"u8) ? "legacy Ansible Vault" : data.StartsWith("gAAAAA"u8) ? "legacy Fernet" : null;
        if (format is not null)
        {
            throw new WalletFileException(path, WalletFileProblem.UnsupportedFormat,
                $"the keyfile is {format}-encrypted, which is not supported; expected plain JSON or $NACL (re-encrypt it with a current btcli).");
        }
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileBytes)
            {
                throw new WalletFileException(path, WalletFileProblem.Corrupt, $"the file is {stream.Length} bytes; expected a keyfile of at most {MaxFileBytes} bytes.");
            }
            var data = new byte[stream.Length];
            stream.ReadExactly(data);
            return data;
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WalletFileException(path, WalletFileProblem.Missing, "no such file; expected a btwallet keyfile here (check the wallet path, wallet name and hotkey name).", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new WalletFileException(path, WalletFileProblem.Unreadable, $"the file cannot be read ({error.Message}); expected a readable keyfile.", error);
        }
    }
}
