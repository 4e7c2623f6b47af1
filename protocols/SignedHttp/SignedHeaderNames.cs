namespace Loosh.Protocols.SignedHttp;

/// <summary>
/// The header spellings of the Challenge API's hotkey-signature scheme (protocols.md §1.1(b)), kept in one place
/// because the signer and the verifier must agree on them exactly.
/// </summary>
public static class SignedHeaderNames
{
    public const string Hotkey = "X-Hotkey";
    public const string Nonce = "X-Nonce";
    public const string Signature = "X-Signature";
    public const string ApiKey = "X-API-Key";
}
