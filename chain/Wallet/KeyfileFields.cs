using System.Security.Cryptography;

namespace Loosh.Chain.Wallet;

/// <summary>
/// The fields of a keyfile's JSON that matter here. Secret values are kept as raw UTF-8 (never as strings, which cannot
/// be wiped) and zeroed on dispose.
/// </summary>
internal sealed class KeyfileFields : IDisposable
{
    public byte[]? SecretPhrase { get; set; }

    public byte[]? SecretSeed { get; set; }

    public byte[]? PrivateKey { get; set; }

    public string? PublicKey { get; set; }

    public string? AccountId { get; set; }

    public string? Ss58Address { get; set; }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(SecretPhrase);
        CryptographicOperations.ZeroMemory(SecretSeed);
        CryptographicOperations.ZeroMemory(PrivateKey);
    }
}
