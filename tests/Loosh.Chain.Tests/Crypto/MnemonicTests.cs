using System.Security.Cryptography;
using Loosh.Chain.Crypto;

namespace Loosh.Chain.Tests.Crypto;

/// <summary>Substrate's mnemonic → mini secret (chain.md §3, §4) and the BIP-39 checks on the phrase.</summary>
public sealed class MnemonicTests
{
    [Fact]
    public void The_leopard_phrase_has_the_known_entropy() =>
        Assert.Equal("9a100b9cdc7d09470823979aeae492dc", Convert.ToHexStringLower(Mnemonic.ToEntropy(Sr25519Tests.LeopardPhrase)));

    [Fact]
    public void The_mini_secret_is_pbkdf2_over_the_entropy_not_the_words()
    {
        var entropy = Mnemonic.ToEntropy(Sr25519Tests.LeopardPhrase);
        var expected = Rfc2898DeriveBytes.Pbkdf2(entropy, "mnemonic"u8.ToArray(), 2048, HashAlgorithmName.SHA512, 64)[..32];
        Assert.Equal(expected, Mnemonic.ToMiniSecret(Sr25519Tests.LeopardPhrase));
        Assert.Equal(Sr25519Tests.LeopardMiniSecret, Convert.ToHexStringLower(expected));
    }

    [Fact]
    public void A_password_changes_the_mini_secret() =>
        Assert.NotEqual(Mnemonic.ToMiniSecret(Sr25519Tests.DevPhrase), Mnemonic.ToMiniSecret(Sr25519Tests.DevPhrase, "password"));

    [Fact]
    public void Extra_whitespace_between_words_is_ignored() =>
        Assert.Equal(
            Mnemonic.ToEntropy(Sr25519Tests.DevPhrase),
            Mnemonic.ToEntropy("  " + Sr25519Tests.DevPhrase.Replace(" ", " \t\n ", StringComparison.Ordinal) + " "));

    [Theory]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(24)]
    [InlineData(28)]
    [InlineData(32)]
    public void Entropy_of_every_length_round_trips_through_a_phrase(int entropyBytes)
    {
        var entropy = new byte[entropyBytes];
        new Random(entropyBytes).NextBytes(entropy);
        Assert.Equal(entropy, Mnemonic.ToEntropy(MnemonicPhrases.FromEntropy(entropy)));
    }

    [Fact]
    public void A_wrong_checksum_is_reported()
    {
        // The last word carries the checksum: any other valid word there breaks it (for 12 words, 15 of 16 do).
        var words = Sr25519Tests.LeopardPhrase.Split(' ');
        words[^1] = "abandon";
        var error = Assert.Throws<FormatException>(() => Mnemonic.ToEntropy(string.Join(' ', words)));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_words_break_the_checksum() =>
        Assert.Throws<FormatException>(() => Mnemonic.ToEntropy(
            "leopard old transfer rib spatial phone calm indicate online fire caution review"));

    [Theory]
    [InlineData("old leopard transfer rib spatial phone calm indicate online fire caution reviews", "word 12 ('reviews')")]
    [InlineData("Old leopard transfer rib spatial phone calm indicate online fire caution review", "word 1 ('Old')")]
    public void A_word_outside_the_list_is_reported(string phrase, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Mnemonic.ToEntropy(phrase));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("old leopard transfer rib spatial phone calm indicate online fire caution")]
    [InlineData("old leopard transfer rib spatial phone calm indicate online fire caution review old")]
    public void A_wrong_word_count_is_reported(string phrase)
    {
        var error = Assert.Throws<FormatException>(() => Mnemonic.ToEntropy(phrase));
        Assert.Contains("words", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_word_list_is_the_standard_bip39_english_list()
    {
        Assert.Equal(2048, MnemonicPhrases.Words.Count);
        Assert.Equal(
            "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda",
            Convert.ToHexStringLower(SHA256.HashData(MnemonicPhrases.WordListBytes())));
    }
}
