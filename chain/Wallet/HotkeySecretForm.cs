namespace Loosh.Chain.Wallet;

/// <summary>Which secret a hotkey file provided; btwallet uses the first present in this order.</summary>
public enum HotkeySecretForm
{
    /// <summary><c>secretPhrase</c>: the mnemonic, as UTF-8 text (Substrate derives the mini secret from its entropy).</summary>
    Phrase,

    /// <summary><c>secretSeed</c>: the 32-byte mini secret.</summary>
    Seed,

    /// <summary><c>privateKey</c>: 64 bytes, scalar ‖ nonce, in btwallet's (cofactor-divided) or polkadot-js's (×8) form.</summary>
    PrivateKey,
}
