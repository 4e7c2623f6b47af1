namespace Loosh.Chain.Crypto;

/// <summary>
/// The two layouts of a 64-byte sr25519 secret key (32-byte scalar ‖ 32-byte signing nonce) found in wallet files.
/// They differ only in the scalar: one holds it multiplied by the cofactor 8. A file does not say which it holds, so a
/// loader tries both and keeps the one whose public key matches (<see cref="Sr25519KeyPair.FromSecretKeyMatching"/>).
/// </summary>
public enum Sr25519SecretKeyForm
{
    /// <summary>schnorrkel's <c>SecretKey::to_bytes</c>: the scalar itself, below ℓ. sp_core and btwallet write this.</summary>
    Schnorrkel,

    /// <summary>schnorrkel's <c>to_ed25519_bytes</c>: the scalar × 8. polkadot-js's 64-byte <c>secretKey</c> is this.</summary>
    Ed25519Style,
}
