using System.Text;
using System.Text.Json.Nodes;
using Loosh.Chain.Crypto;

namespace Loosh.Chain.Tests.Crypto;

/// <summary>
/// The C# crypto against independent implementations run by Node (polkadot-js's wasm schnorrkel and @scure/sr25519):
/// signatures verify in both directions, tampering fails everywhere, and keys and addresses derive identically.
/// </summary>
public sealed class InteropTests
{
    private static readonly byte[][] Messages =
    [
        [],
        Encoding.UTF8.GetBytes("hello bittensor"),
        Bytes(200, seed: 1),
        Bytes(1000, seed: 2),
    ];

    [Fact]
    public void Our_signatures_verify_in_polkadot_js_and_scure_and_tampered_ones_do_not()
    {
        using var pair = Sr25519KeyPair.FromMiniSecret(Bytes(32, seed: 3));
        var publicKey = Hex(pair.PublicKey.Span);
        var requests = new List<JsonObject>();
        foreach (var message in Messages)
        {
            var signature = pair.Sign(message);
            var tamperedSignature = signature.ToArray();
            tamperedSignature[40] ^= 1;
            var tamperedMessage = message.Append((byte)0).ToArray();
            requests.Add(Verify(publicKey, message, signature));
            requests.Add(Verify(publicKey, tamperedMessage, signature));
            requests.Add(Verify(publicKey, message, tamperedSignature));
        }
        var answers = CryptoOracle.Run([.. requests]);
        for (var i = 0; i < answers.Length; i++)
        {
            var expected = i % 3 == 0;
            Assert.Equal(expected, (bool)answers[i]["polkadot"]!);
            Assert.Equal(expected, (bool)answers[i]["scure"]!);
        }
    }

    [Fact]
    public void Polkadot_js_and_scure_signatures_verify_in_ours_and_tampered_ones_do_not()
    {
        var miniSecret = Bytes(32, seed: 4);
        var answers = CryptoOracle.Run([.. Messages.Select(message => new JsonObject
        {
            ["op"] = "sign",
            ["miniSecret"] = Hex(miniSecret),
            ["message"] = Hex(message),
        })]);
        using var pair = Sr25519KeyPair.FromMiniSecret(miniSecret);
        for (var i = 0; i < Messages.Length; i++)
        {
            var publicKey = Convert.FromHexString((string)answers[i]["publicKey"]!);
            Assert.Equal(pair.PublicKey.ToArray(), publicKey);
            foreach (var implementation in new[] { "polkadot", "scure" })
            {
                var signature = Convert.FromHexString((string)answers[i][implementation]!);
                Assert.True(Sr25519.Verify(publicKey, Messages[i], signature), $"{implementation} signature of message {i}");
                Assert.False(Sr25519.Verify(publicKey, [.. Messages[i], 0], signature));
                signature[5] ^= 1;
                Assert.False(Sr25519.Verify(publicKey, Messages[i], signature));
            }
        }
    }

    [Fact]
    public void With_the_same_transcript_randomness_our_signature_equals_scures_byte_for_byte()
    {
        var miniSecret = Bytes(32, seed: 5);
        var random = Bytes(32, seed: 6);
        var answers = CryptoOracle.Run([.. Messages.Select(message => new JsonObject
        {
            ["op"] = "sign",
            ["miniSecret"] = Hex(miniSecret),
            ["message"] = Hex(message),
            ["random"] = Hex(random),
        })]);
        using var pair = Sr25519KeyPair.FromMiniSecret(miniSecret);
        for (var i = 0; i < Messages.Length; i++)
        {
            Assert.Equal((string)answers[i]["scure"]!, Hex(pair.Sign(Messages[i], random)));
        }
    }

    [Fact]
    public void Mnemonics_derive_the_same_keys_and_addresses()
    {
        string[] phrases =
        [
            Sr25519Tests.LeopardPhrase,
            Sr25519Tests.DevPhrase,
            MnemonicPhrases.FromEntropy(Bytes(16, seed: 7)),
            MnemonicPhrases.FromEntropy(Bytes(32, seed: 8)),
        ];
        var answers = CryptoOracle.Run([.. phrases.Select(phrase => new JsonObject { ["op"] = "derive", ["mnemonic"] = phrase })]);
        for (var i = 0; i < phrases.Length; i++)
        {
            using var pair = Sr25519KeyPair.FromMnemonic(phrases[i]);
            Assert.Equal((string)answers[i]["miniSecret"]!, Hex(Mnemonic.ToMiniSecret(phrases[i])));
            Assert.Equal((string)answers[i]["publicKey"]!, Hex(pair.PublicKey.Span));
            Assert.Equal((string)answers[i]["scurePublicKey"]!, Hex(pair.PublicKey.Span));
            Assert.Equal((string)answers[i]["ss58"]!, Ss58.Encode(pair.PublicKey.Span));
            Assert.Equal((string)answers[i]["secretKey"]!, Hex(pair.ExportSecretKey(Sr25519SecretKeyForm.Ed25519Style)));
        }
        Assert.Equal("5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX", (string)answers[0]["ss58"]!);
    }

    [Fact]
    public void A_password_with_non_ascii_characters_derives_the_same_mini_secret()
    {
        // "Å" composed and the "ﬁ" ligature both change under NFKD; Substrate (and polkadot-js) use the password's bytes
        // as they are, so normalising it would derive another key.
        const string password = "\u00c5ngstr\u00f6m \ufb01";
        var answer = CryptoOracle.Run(new JsonObject { ["op"] = "derive", ["mnemonic"] = Sr25519Tests.DevPhrase, ["password"] = password })[0];
        Assert.Equal((string)answer["miniSecret"]!, Hex(Mnemonic.ToMiniSecret(Sr25519Tests.DevPhrase, password)));
    }

    [Fact]
    public void Ss58_agrees_with_polkadot_js_for_one_and_two_byte_prefixes()
    {
        ushort[] prefixes = [0, 2, 42, 63, 64, 255, 1000, 16383];
        var accountId = Bytes(32, seed: 9);
        var encodings = CryptoOracle.Run([.. prefixes.Select(prefix => new JsonObject
        {
            ["op"] = "ss58Encode",
            ["publicKey"] = Hex(accountId),
            ["prefix"] = prefix,
        })]);
        var addresses = prefixes.Select(prefix => Ss58.Encode(accountId, prefix)).ToArray();
        Assert.Equal(encodings.Select(answer => (string)answer["address"]!), addresses);

        var corrupted = addresses[2][..^1] + (addresses[2][^1] == 'a' ? 'b' : 'a');
        var decodings = CryptoOracle.Run([.. addresses.Append(corrupted).Select(address => new JsonObject { ["op"] = "ss58Decode", ["address"] = address })]);
        Assert.All(decodings[..^1], answer => Assert.Equal(Hex(accountId), (string)answer["publicKey"]!));
        Assert.NotNull(decodings[^1]["error"]);
        Assert.Throws<FormatException>(() => Ss58.Decode(corrupted));
    }

    private static JsonObject Verify(string publicKey, byte[] message, byte[] signature) => new()
    {
        ["op"] = "verify",
        ["publicKey"] = publicKey,
        ["message"] = Hex(message),
        ["signature"] = Hex(signature),
    };

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
