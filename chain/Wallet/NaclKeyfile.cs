using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Native;

namespace Loosh.Chain.Wallet;

/// <summary>
/// btwallet's <c>$NACL</c> keyfiles (chain.md §3): <c>$NACL</c> ‖ 24-byte nonce ‖ libsodium secretbox (16-byte
/// Poly1305 tag, then the XSalsa20 ciphertext of the keyfile JSON). The key is Argon2i (v1.3) of the UTF-8 password
/// with btwallet's fixed salt and libsodium's "sensitive" limits: 8 passes over 512 MiB, so a derivation takes seconds.
/// </summary>
internal static class NaclKeyfile
{
    private const int HeaderLength = 5;
    private const int NonceLength = 24;
    private const int TagLength = 16;
    private const int KeyLength = 32;
    private const int Argon2i13 = 1;
    private const ulong OpsLimitSensitive = 8;
    private const nuint MemLimitSensitive = 512 * 1024 * 1024;

    private static ReadOnlySpan<byte> Salt => [0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1];

    public static bool IsNacl(ReadOnlySpan<byte> data) => data.StartsWith("$NACL"u8);

    /// <summary>The decrypted keyfile bytes; the caller wipes them.</summary>
    public static byte[] Decrypt(ReadOnlySpan<byte> data, string password, string path)
    {
        var key = DeriveKey(password, path);
        try
        {
            return Open(data, key, path);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    internal static byte[] DeriveKey(string password, string path)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var key = new byte[KeyLength];
        try
        {
            var status = Libsodium.SodiumInitForSecretBox() < 0 ? -1 : Libsodium.CryptoPwhash(key, KeyLength, passwordBytes, (ulong)passwordBytes.Length, Salt, OpsLimitSensitive, MemLimitSensitive, Argon2i13);
            if (status != 0)
            {
                throw new WalletFileException(path, WalletFileProblem.DecryptionFailed,
                    "libsodium's Argon2i key derivation failed; expected 512 MiB of free memory to decrypt a $NACL keyfile.");
            }
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    internal static byte[] Open(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key, string path)
    {
        if (data.Length <= HeaderLength + NonceLength + TagLength)
        {
            throw new WalletFileException(path, WalletFileProblem.Corrupt,
                $"the $NACL keyfile is {data.Length} bytes; expected the 5-byte header, a 24-byte nonce and a secretbox longer than its 16-byte tag.");
        }
        var nonce = data.Slice(HeaderLength, NonceLength);
        var box = data[(HeaderLength + NonceLength)..];
        var message = new byte[box.Length - TagLength];
        if (Libsodium.CryptoSecretBoxOpenEasy(message, box, (ulong)box.Length, nonce, key) != 0)
        {
            throw new WalletFileException(path, WalletFileProblem.WrongPassword,
                "the $NACL keyfile does not open with this password; expected the password it was encrypted with (or the file was altered).");
        }
        return message;
    }
}
