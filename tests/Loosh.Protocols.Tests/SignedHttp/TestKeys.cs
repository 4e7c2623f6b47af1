using Loosh.Chain.Crypto;

namespace Loosh.Protocols.Tests.SignedHttp;

/// <summary>Fixed sr25519 hotkeys and a fixed clock for the signed-HTTP tests.</summary>
internal static class TestKeys
{
    public static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeMilliseconds(1742512345123).AddTicks(4560);

    public static Sr25519KeyPair Validator() => Sr25519KeyPair.FromMiniSecret(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static Sr25519KeyPair Stranger() => Sr25519KeyPair.FromMiniSecret(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    public static string Address(Sr25519KeyPair key) => Ss58.Encode(key.PublicKey.Span);
}
