using System.Security.Cryptography;
using System.Text;

namespace Loosh.Protocols.Fiber;

/// <summary>
/// The RSA half of a Fiber handshake (protocols.md §12): 2048-bit keys published as PEM SubjectPublicKeyInfo, and
/// OAEP with SHA-256 for both the hash and MGF1 over the 44 ASCII bytes of the Fernet key text (not its raw bytes).
/// </summary>
public static class FiberRsa
{
    public const int KeySizeBits = 2048;

    private static readonly RSAEncryptionPadding Padding = RSAEncryptionPadding.OaepSHA256;

    public static RSA Generate() => RSA.Create(KeySizeBits);

    public static string ExportPublicKeyPem(RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ExportSubjectPublicKeyInfoPem();
    }

    /// <exception cref="ArgumentException">The text is not a PEM RSA public key.</exception>
    /// <exception cref="CryptographicException">The PEM holds a damaged or non-RSA key.</exception>
    public static RSA ImportPublicKeyPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The RSA-OAEP ciphertext of the key's 44-character text, as the peer decrypts and then base64-decodes it.</summary>
    public static byte[] EncryptKey(RSA publicKey, FernetKey key)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(key);
        return publicKey.Encrypt(Encoding.ASCII.GetBytes(key.Text), Padding);
    }

    /// <summary>The Fernet key a peer sent encrypted to <paramref name="privateKey"/>.</summary>
    /// <exception cref="CryptographicException">The ciphertext does not decrypt under this key.</exception>
    /// <exception cref="FormatException">It decrypts, but not to a Fernet key.</exception>
    public static FernetKey DecryptKey(RSA privateKey, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return FernetKey.Parse(Encoding.ASCII.GetString(privateKey.Decrypt(ciphertext.ToArray(), Padding)));
    }
}
