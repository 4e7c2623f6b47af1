using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Crypto;

namespace Loosh.Chain.Wallet;

/// <summary>A hotkey ready to sign, and which form of secret in its file it came from.</summary>
public sealed record LoadedHotkey(Sr25519KeyPair Keys, HotkeySecretForm Form, string Path, string Ss58Address) : IDisposable
{
    public void Dispose() => Keys.Dispose();
}

/// <summary>
/// Turns a wallet's hotkey file into an sr25519 keypair. The key derived from the secret must equal the public key
/// the file declares: a wallet whose secret and address disagree would sign as someone else, so it is refused.
/// For a 64-byte <c>privateKey</c> both conventions (schnorrkel's and polkadot-js's) are tried and the one that
/// matches the declared key is kept.
/// </summary>
public static class WalletKeys
{
    public static LoadedHotkey LoadHotkey(WalletLayout layout, string? password = null)
    {
        using var secret = WalletFiles.ReadHotkey(layout, password);
        return FromSecret(secret);
    }

    public static LoadedHotkey FromSecret(HotkeySecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var keys = Derive(secret);
        try
        {
            var address = Ss58.Encode(keys.PublicKey.Span);
            if (!secret.DeclaredPublicKey.IsEmpty && !secret.DeclaredPublicKey.SequenceEqual(keys.PublicKey.Span))
            {
                throw Mismatch(secret, $"its {secret.Form} gives public key {Convert.ToHexStringLower(keys.PublicKey.Span)}, " +
                    $"but the file declares {Convert.ToHexStringLower(secret.DeclaredPublicKey)}");
            }
            if (secret.DeclaredSs58Address is { } declared && !SameAccount(declared, keys.PublicKey.Span))
            {
                throw Mismatch(secret, $"its {secret.Form} gives address {address}, but the file declares ss58Address {declared}");
            }
            return new LoadedHotkey(keys, secret.Form, secret.Path, address);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    private static Sr25519KeyPair Derive(HotkeySecret secret)
    {
        try
        {
            return secret.Form switch
            {
                HotkeySecretForm.Phrase => Sr25519KeyPair.FromMnemonic(Encoding.UTF8.GetString(secret.Secret)),
                HotkeySecretForm.Seed => Sr25519KeyPair.FromMiniSecret(secret.Secret),
                HotkeySecretForm.PrivateKey when secret.DeclaredPublicKey.IsEmpty =>
                    Sr25519KeyPair.FromSecretKey(secret.Secret, Sr25519SecretKeyForm.Schnorrkel),
                HotkeySecretForm.PrivateKey => Sr25519KeyPair.FromSecretKeyMatching(secret.Secret, secret.DeclaredPublicKey),
                _ => throw new WalletFileException(secret.Path, WalletFileProblem.UnsupportedFormat, $"unknown secret form {secret.Form}"),
            };
        }
        catch (FormatException e)
        {
            throw new WalletFileException(secret.Path, WalletFileProblem.InvalidField, $"secretPhrase is not a valid mnemonic: {e.Message}", e);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw Mismatch(secret, $"its privateKey matches the declared public key in neither key convention ({e.Message})");
        }
    }

    private static bool SameAccount(string address, ReadOnlySpan<byte> publicKey)
    {
        try
        {
            return Ss58.Decode(address).AccountId.AsSpan().SequenceEqual(publicKey);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static WalletFileException Mismatch(HotkeySecret secret, string detail) =>
        new(secret.Path, WalletFileProblem.KeyMismatch, $"the hotkey file does not hold the key it names: {detail}");
}
