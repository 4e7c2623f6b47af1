namespace Loosh.Protocols;

/// <summary>
/// A cheap shape check for SS58 addresses at the HTTP boundary: Base58 characters and the length of an
/// address of a 32-byte public key (47–48 characters for the one- and two-byte network prefixes).
/// It rejects garbage early; it does not verify the checksum.
/// </summary>
public static class Ss58
{
    public const int MaxLength = 48;
    private const int MinLength = 47;
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static bool LooksLikeAddress(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length is >= MinLength and <= MaxLength && text.All(Base58Alphabet.Contains);
    }
}
