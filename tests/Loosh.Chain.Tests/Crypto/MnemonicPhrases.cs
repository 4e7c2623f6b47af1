using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Crypto;

namespace Loosh.Chain.Tests.Crypto;

/// <summary>Builds valid BIP-39 phrases from entropy (the library only reads them), from the library's embedded list.</summary>
internal static class MnemonicPhrases
{
    public static IReadOnlyList<string> Words { get; } =
        Encoding.UTF8.GetString(WordListBytes()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static byte[] WordListBytes()
    {
        using var stream = typeof(Mnemonic).Assembly.GetManifestResourceStream("Loosh.Chain.Crypto.bip39-english.txt")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The phrase of <paramref name="entropy"/> (16 to 32 bytes, a multiple of 4): 11 bits a word, checksum last.</summary>
    public static string FromEntropy(byte[] entropy)
    {
        var checksumBits = entropy.Length / 4;
        var bits = entropy.Append(SHA256.HashData(entropy)[0]).ToArray();
        var wordCount = ((entropy.Length * 8) + checksumBits) / 11;
        var words = new string[wordCount];
        for (var w = 0; w < wordCount; w++)
        {
            var index = 0;
            for (var bit = w * 11; bit < (w + 1) * 11; bit++)
            {
                index = (index << 1) | ((bits[bit / 8] >> (7 - (bit % 8))) & 1);
            }
            words[w] = Words[index];
        }
        return string.Join(' ', words);
    }
}
