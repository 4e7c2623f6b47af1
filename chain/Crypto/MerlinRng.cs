namespace Loosh.Chain.Crypto;

/// <summary>The RNG a <see cref="MerlinTranscript"/> forks: each request is framed by its length, then squeezed out.</summary>
internal sealed class MerlinRng : IDisposable
{
    private readonly Strobe128 _strobe;

    internal MerlinRng(Strobe128 strobe) => _strobe = strobe;

    public void FillBytes(Span<byte> destination)
    {
        _strobe.MetaAd(MerlinTranscript.LengthOf(destination.Length), more: false);
        _strobe.Prf(destination, more: false);
    }

    public void Dispose() => _strobe.Dispose();
}
