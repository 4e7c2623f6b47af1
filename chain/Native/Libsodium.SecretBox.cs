using System.Runtime.InteropServices;

namespace Loosh.Chain.Native;

/// <summary>
/// libsodium entry points for btwallet's <c>$NACL</c> keyfiles (chain.md §3): Argon2i key derivation and the
/// XSalsa20-Poly1305 secretbox. Geralt ships the native library but wraps neither, so they are imported directly.
/// </summary>
internal static partial class Libsodium
{
    /// <summary><c>sodium_init</c>; safe to call more than once (returns 1 when already initialised).</summary>
    [LibraryImport("libsodium", EntryPoint = "sodium_init")]
    internal static partial int SodiumInitForSecretBox();

    [LibraryImport("libsodium", EntryPoint = "crypto_pwhash")]
    internal static partial int CryptoPwhash(
        Span<byte> output, ulong outputLength, ReadOnlySpan<byte> password, ulong passwordLength, ReadOnlySpan<byte> salt, ulong opsLimit, nuint memLimit, int algorithm);

    [LibraryImport("libsodium", EntryPoint = "crypto_secretbox_open_easy")]
    internal static partial int CryptoSecretBoxOpenEasy(
        Span<byte> message, ReadOnlySpan<byte> box, ulong boxLength, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key);
}
