using System.Buffers.Binary;

namespace Loosh.Chain.Crypto;

/// <summary>
/// A Merlin transcript (STROBE-128 based, protocol "Merlin v1.0"): the Fiat–Shamir hash schnorrkel signs with. Every
/// message and challenge is framed by its label and its length as a little-endian u32. Dispose it to zero the state.
/// </summary>
internal sealed class MerlinTranscript : IDisposable
{
    private readonly Strobe128 _strobe;

    public MerlinTranscript(ReadOnlySpan<byte> label)
    {
        _strobe = new Strobe128("Merlin v1.0"u8);
        AppendMessage("dom-sep"u8, label);
    }

    public void AppendMessage(ReadOnlySpan<byte> label, ReadOnlySpan<byte> message)
    {
        _strobe.MetaAd(label, more: false);
        _strobe.MetaAd(LengthOf(message.Length), more: true);
        _strobe.Ad(message, more: false);
    }

    public void ChallengeBytes(ReadOnlySpan<byte> label, Span<byte> destination)
    {
        _strobe.MetaAd(label, more: false);
        _strobe.MetaAd(LengthOf(destination.Length), more: true);
        _strobe.Prf(destination, more: false);
    }

    /// <summary>
    /// Forks an RNG from the transcript as schnorrkel's witness derivation does: a copy of the state rekeyed with the
    /// secret <paramref name="witness"/> under <paramref name="label"/>, then with 32 <paramref name="random"/> bytes
    /// under "rng". The transcript itself is unchanged, so the nonce depends on the message, the key and fresh randomness.
    /// </summary>
    public MerlinRng ForkRng(ReadOnlySpan<byte> label, ReadOnlySpan<byte> witness, ReadOnlySpan<byte> random)
    {
        if (random.Length != 32)
        {
            throw new ArgumentException("A transcript RNG is finalised with 32 random bytes.", nameof(random));
        }
        var strobe = _strobe.Clone();
        strobe.MetaAd(label, more: false);
        strobe.MetaAd(LengthOf(witness.Length), more: true);
        strobe.Key(witness, more: false);
        strobe.MetaAd("rng"u8, more: false);
        strobe.Key(random, more: false);
        return new MerlinRng(strobe);
    }

    public void Dispose() => _strobe.Dispose();

    internal static byte[] LengthOf(int length)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, checked((uint)length));
        return bytes;
    }
}
