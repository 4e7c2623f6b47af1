using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Loosh.Chain.Wallet;

/// <summary>
/// The keyfile's hex fields: <c>0x</c> (optional, as btwallet strips it) followed by exactly twice the expected byte
/// count of hex digits. Error messages give lengths only, never the digits, since some of these fields are secret.
/// </summary>
internal static class KeyfileHex
{
    public static byte[] DecodeSecret(ReadOnlySpan<byte> utf8, int byteCount, string name, string path)
    {
        var digits = utf8.StartsWith("0x"u8) ? utf8[2..] : utf8;
        var bytes = new byte[byteCount];
        if (digits.Length != 2 * byteCount
            || Convert.FromHexString(digits, bytes, out _, out var written) != OperationStatus.Done
            || written != byteCount)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw Invalid(name, byteCount, digits.Length, path);
        }
        return bytes;
    }

    public static byte[] DecodePublic(string text, int byteCount, string name, string path) =>
        DecodeSecret(Encoding.UTF8.GetBytes(text), byteCount, name, path);

    private static WalletFileException Invalid(string name, int byteCount, int found, string path) =>
        new(path, WalletFileProblem.InvalidField,
            $"the field \"{name}\" is not valid hex of the right length; expected 0x followed by {2 * byteCount} hex digits ({byteCount} bytes), found {found} characters.");
}
