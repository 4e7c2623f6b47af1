using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Crypto;

namespace Loosh.Chain.Tests.Crypto;

/// <summary>The managed permutation against .NET's SHA3-256, and Merlin against its published test vector.</summary>
public sealed class KeccakStrobeMerlinTests
{
    [Fact]
    public void Sha3_256_of_abc_from_the_managed_permutation_is_the_standard_value() =>
        Assert.Equal(
            "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
            Convert.ToHexStringLower(Sha3_256(Encoding.ASCII.GetBytes("abc"))));

    [Theory]
    [InlineData(0)]
    [InlineData(135)]
    [InlineData(136)]
    [InlineData(137)]
    [InlineData(1000)]
    public void Sha3_256_from_the_managed_permutation_equals_dotnet(int length)
    {
        Assert.True(SHA3_256.IsSupported, "SHA3-256 needs OpenSSL 1.1.1 or later on Linux.");
        var data = new byte[length];
        new Random(length).NextBytes(data);
        Assert.Equal(SHA3_256.HashData(data), Sha3_256(data));
    }

    [Fact]
    public void Merlin_matches_its_reference_vector()
    {
        using var transcript = new MerlinTranscript("test protocol"u8);
        transcript.AppendMessage("some label"u8, "some data"u8);
        var challenge = new byte[32];
        transcript.ChallengeBytes("challenge"u8, challenge);
        Assert.Equal("d5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615", Convert.ToHexStringLower(challenge));
    }

    [Fact]
    public void A_forked_rng_leaves_the_transcript_unchanged_and_depends_on_witness_and_randomness()
    {
        using var forked = new MerlinTranscript("fork"u8);
        using var plain = new MerlinTranscript("fork"u8);
        var random = new byte[32];
        var first = RngBytes(forked, "witness A"u8, random);
        Assert.Equal(first, RngBytes(forked, "witness A"u8, random));
        Assert.NotEqual(first, RngBytes(forked, "witness B"u8, random));
        random[0] = 1;
        Assert.NotEqual(first, RngBytes(forked, "witness A"u8, random));
        Assert.Equal(Challenge(plain), Challenge(forked));
    }

    [Fact]
    public void A_continued_strobe_operation_must_keep_its_flags()
    {
        using var strobe = new Strobe128("test"u8);
        strobe.MetaAd("label"u8, more: false);
        Assert.Throws<InvalidOperationException>(() => strobe.Ad("data"u8, more: true));
    }

    private static byte[] RngBytes(MerlinTranscript transcript, ReadOnlySpan<byte> witness, byte[] random)
    {
        using var rng = transcript.ForkRng("label"u8, witness, random);
        var bytes = new byte[64];
        rng.FillBytes(bytes);
        return bytes;
    }

    private static byte[] Challenge(MerlinTranscript transcript)
    {
        var bytes = new byte[32];
        transcript.ChallengeBytes("c"u8, bytes);
        return bytes;
    }

    /// <summary>SHA3-256 as a sponge over the managed permutation: rate 136, padding 0x06 … 0x80.</summary>
    private static byte[] Sha3_256(byte[] data)
    {
        const int rate = 136;
        var state = new byte[KeccakF1600.StateBytes];
        var padded = new byte[((data.Length / rate) + 1) * rate];
        data.CopyTo(padded, 0);
        padded[data.Length] ^= 0x06;
        padded[^1] ^= 0x80;
        for (var block = 0; block < padded.Length; block += rate)
        {
            for (var i = 0; i < rate; i++)
            {
                state[i] ^= padded[block + i];
            }
            KeccakF1600.Permute(state);
        }
        return state[..32];
    }
}
