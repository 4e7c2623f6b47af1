namespace Loosh.Chain.Wallet;

/// <summary>
/// A public-only keyfile such as <c>coldkeypub.txt</c>: the 32-byte public key (empty when the file gives only an
/// address) and the <c>ss58Address</c> text as written. A validator needs its coldkey's identity, never its secret.
/// </summary>
public sealed record PublicKeyFile(string Path, ReadOnlyMemory<byte> PublicKey, string? Ss58Address);
