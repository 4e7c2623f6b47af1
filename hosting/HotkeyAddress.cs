using Loosh.Chain.Crypto;

namespace Loosh.Hosting;

/// <summary>Whether text names a hotkey: settings and request bodies accept only SS58 addresses of 32-byte accounts.</summary>
public static class HotkeyAddress
{
    public static bool IsValid(string text)
    {
        try
        {
            return Ss58.Decode(text).AccountId.Length == Sr25519.PublicKeyLength;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
