namespace Loosh.Chain.Wallet;

/// <summary>
/// Picks the hotkey secret from a keyfile's fields in btwallet's order (secretPhrase, then secretSeed, then
/// privateKey) and checks its form: a non-blank phrase, a 32-byte seed, a 64-byte private key.
/// </summary>
internal static class HotkeySecretReader
{
    private const int SeedLength = 32;
    private const int PrivateKeyLength = 64;
    private const int PublicKeyLength = 32;

    public static HotkeySecret FromFields(KeyfileFields fields, string path)
    {
        var publicKey = DeclaredPublicKey(fields, path);
        var (form, secret) = fields switch
        {
            { SecretPhrase: { } phrase } => (HotkeySecretForm.Phrase, Phrase(phrase, path)),
            { SecretSeed: { } seed } => (HotkeySecretForm.Seed, KeyfileHex.DecodeSecret(seed, SeedLength, "secretSeed", path)),
            { PrivateKey: { } key } => (HotkeySecretForm.PrivateKey, KeyfileHex.DecodeSecret(key, PrivateKeyLength, "privateKey", path)),
            _ => throw new WalletFileException(path, WalletFileProblem.NoKeyField,
                "the keyfile has no secretPhrase, secretSeed or privateKey; expected a hotkey keyfile with a secret (this looks like a public key file)."),
        };
        return new HotkeySecret(path, form, secret, publicKey, fields.Ss58Address);
    }

    /// <summary>The 32-byte key of <c>publicKey</c> or <c>accountId</c> (btwallet writes both, equal); null when neither is present.</summary>
    public static byte[]? DeclaredPublicKey(KeyfileFields fields, string path)
    {
        var publicKey = fields.PublicKey is null ? null : KeyfileHex.DecodePublic(fields.PublicKey, PublicKeyLength, "publicKey", path);
        var accountId = fields.AccountId is null ? null : KeyfileHex.DecodePublic(fields.AccountId, PublicKeyLength, "accountId", path);
        if (publicKey is not null && accountId is not null && !publicKey.AsSpan().SequenceEqual(accountId))
        {
            throw new WalletFileException(path, WalletFileProblem.InvalidField, "publicKey and accountId differ; expected the same 32-byte public key in both.");
        }
        return publicKey ?? accountId;
    }

    private static byte[] Phrase(byte[] phrase, string path)
    {
        if (phrase.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            throw new WalletFileException(path, WalletFileProblem.InvalidField, "the field \"secretPhrase\" is blank; expected the mnemonic words.");
        }
        var copy = new byte[phrase.Length];
        phrase.CopyTo(copy, 0);
        return copy;
    }
}
