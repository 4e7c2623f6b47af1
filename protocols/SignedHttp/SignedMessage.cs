using System.Security.Cryptography;

namespace Loosh.Protocols.SignedHttp;

/// <summary>
/// The text the hotkey signs: <c>"{nonce}:{hotkey}:{sha256hex(body)}"</c>, or <c>"{nonce}:{hotkey}"</c> when there
/// is no body. One definition serves the signer and the verifier so the two can never drift apart.
/// </summary>
public static class SignedMessage
{
    public static string Build(string nonce, string hotkey, ReadOnlySpan<byte> body) =>
        body.IsEmpty
            ? $"{nonce}:{hotkey}"
            : $"{nonce}:{hotkey}:{Convert.ToHexStringLower(SHA256.HashData(body))}";
}
