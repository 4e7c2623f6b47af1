using System.Security.Cryptography;
using System.Text;

namespace Loosh.Chain.Crypto;

/// <summary>
/// BIP-39 English mnemonics turned into keys the Substrate way. Unlike BIP-39's own seed, Substrate's mini secret is
/// PBKDF2-HMAC-SHA512 over the mnemonic's entropy bytes (not its words), with salt "mnemonic" + password and 2048
/// rounds, truncated to 32 bytes. The word list is the standard BIP-0039 English list, embedded from the npm package
/// @scure/bip39 (see Loosh.Chain.csproj).
/// </summary>
public static class Mnemonic
{
    private const int BitsPerWord = 11;
    private const int Rounds = 2048;

    private static readonly Dictionary<string, int> WordIndexes = LoadWordList()
        .Select((word, index) => (word, index))
        .ToDictionary(entry => entry.word, entry => entry.index, StringComparer.Ordinal);

    /// <summary>
    /// The entropy of a 12-, 15-, 18-, 21- or 24-word phrase (words separated by whitespace). Throws
    /// <see cref="FormatException"/> for a wrong word count, a word outside the list, or a wrong checksum.
    /// </summary>
    public static byte[] ToEntropy(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var words = phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 12 or > 24 || words.Length % 3 != 0)
        {
            throw new FormatException($"A mnemonic has 12, 15, 18, 21 or 24 words, not {words.Length}.");
        }
        // 11 bits per word: the entropy, then one checksum bit per 32 bits of entropy.
        var totalBits = words.Length * BitsPerWord;
        var checksumBits = totalBits / 33;
        var bits = new byte[(totalBits + 7) / 8];
        for (var w = 0; w < words.Length; w++)
        {
            if (!WordIndexes.TryGetValue(words[w], out var index))
            {
                throw new FormatException($"Mnemonic word {w + 1} ('{words[w]}') is not in the BIP-39 English word list.");
            }
            for (var bit = 0; bit < BitsPerWord; bit++)
            {
                if ((index & (1 << (BitsPerWord - 1 - bit))) != 0)
                {
                    var position = (w * BitsPerWord) + bit;
                    bits[position / 8] |= (byte)(0x80 >> (position % 8));
                }
            }
        }
        var entropy = bits[..((totalBits - checksumBits) / 8)];
        var expected = SHA256.HashData(entropy)[0] >> (8 - checksumBits);
        var actual = ReadBits(bits, totalBits - checksumBits, checksumBits);
        CryptographicOperations.ZeroMemory(bits);
        if (expected != actual)
        {
            CryptographicOperations.ZeroMemory(entropy);
            throw new FormatException("The mnemonic's checksum is wrong (a word is mistyped or out of order).");
        }
        return entropy;
    }

    /// <summary>The 32-byte mini secret Substrate derives from <paramref name="phrase"/>; the caller zeroes it.</summary>
    public static byte[] ToMiniSecret(string phrase, string password = "")
    {
        ArgumentNullException.ThrowIfNull(password);
        var entropy = ToEntropy(phrase);
        // The password goes in as its UTF-8 bytes, unnormalised: substrate-bip39 and polkadot-js do not apply the
        // BIP-39 NFKD step to it, and a key must come out the same as in the wallets operators already use.
        var salt = Encoding.UTF8.GetBytes("mnemonic" + password);
        Span<byte> seed = stackalloc byte[64];
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(entropy, salt, seed, Rounds, HashAlgorithmName.SHA512);
            return seed[..Sr25519.MiniSecretLength].ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(entropy);
            CryptographicOperations.ZeroMemory(salt);
        }
    }

    private static int ReadBits(ReadOnlySpan<byte> bits, int start, int count)
    {
        var value = 0;
        for (var position = start; position < start + count; position++)
        {
            value = (value << 1) | ((bits[position / 8] >> (7 - (position % 8))) & 1);
        }
        return value;
    }

    private static string[] LoadWordList()
    {
        using var stream = typeof(Mnemonic).Assembly.GetManifestResourceStream("Loosh.Chain.Crypto.bip39-english.txt")
            ?? throw new InvalidOperationException("The BIP-39 word list resource is missing from Loosh.Chain.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 2048
            ? words
            : throw new InvalidOperationException($"The BIP-39 word list has {words.Length} words instead of 2048.");
    }
}
