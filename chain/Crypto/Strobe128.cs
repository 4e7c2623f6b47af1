using System.Security.Cryptography;

namespace Loosh.Chain.Crypto;

/// <summary>
/// STROBE-128/1600 (security level 128, rate 166 bytes) with only the operations Merlin uses: meta-AD, AD, PRF and
/// KEY. Each operation either starts anew (<c>more</c> false) or continues the previous one with the same flags.
/// The state can hold secrets (after KEY), so it is zeroed on <see cref="Dispose"/>.
/// </summary>
internal sealed class Strobe128 : IDisposable
{
    private const int Rate = 166;
    private const byte FlagInbound = 1;
    private const byte FlagApplication = 1 << 1;
    private const byte FlagCipher = 1 << 2;
    private const byte FlagMeta = 1 << 4;

    private readonly byte[] _state = GC.AllocateArray<byte>(KeccakF1600.StateBytes, pinned: true);
    private int _position;
    private int _positionBegin;
    private byte _currentFlags;

    public Strobe128(ReadOnlySpan<byte> protocolLabel)
    {
        // The initial block: the STROBE domain (security level, rate + 2, version string), permuted once.
        ReadOnlySpan<byte> domain = [1, Rate + 2, 1, 0, 1, 96];
        domain.CopyTo(_state);
        "STROBEv1.0.2"u8.CopyTo(_state.AsSpan(domain.Length));
        KeccakF1600.Permute(_state);
        MetaAd(protocolLabel, more: false);
    }

    private Strobe128(Strobe128 other)
    {
        other._state.CopyTo(_state, 0);
        _position = other._position;
        _positionBegin = other._positionBegin;
        _currentFlags = other._currentFlags;
    }

    /// <summary>An independent copy of the current state (Merlin forks its transcript this way for RNGs).</summary>
    public Strobe128 Clone() => new(this);

    public void MetaAd(ReadOnlySpan<byte> data, bool more)
    {
        BeginOperation(FlagMeta | FlagApplication, more);
        Absorb(data);
    }

    public void Ad(ReadOnlySpan<byte> data, bool more)
    {
        BeginOperation(FlagApplication, more);
        Absorb(data);
    }

    public void Prf(Span<byte> destination, bool more)
    {
        BeginOperation(FlagInbound | FlagApplication | FlagCipher, more);
        Squeeze(destination);
    }

    public void Key(ReadOnlySpan<byte> data, bool more)
    {
        BeginOperation(FlagApplication | FlagCipher, more);
        Overwrite(data);
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_state);

    private void BeginOperation(byte flags, bool more)
    {
        if (more)
        {
            if (flags != _currentFlags)
            {
                throw new InvalidOperationException("A continued STROBE operation must keep the flags of the one it continues.");
            }
            return;
        }
        var previousBegin = (byte)_positionBegin;
        _positionBegin = _position + 1;
        _currentFlags = flags;
        Absorb([previousBegin, flags]);
        // Cipher operations must start on a fresh block so their output depends on everything absorbed before.
        if ((flags & FlagCipher) != 0 && _position != 0)
        {
            RunPermutation();
        }
    }

    private void Absorb(ReadOnlySpan<byte> data)
    {
        foreach (var value in data)
        {
            _state[_position] ^= value;
            Advance();
        }
    }

    private void Overwrite(ReadOnlySpan<byte> data)
    {
        foreach (var value in data)
        {
            _state[_position] = value;
            Advance();
        }
    }

    private void Squeeze(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = _state[_position];
            _state[_position] = 0;
            Advance();
        }
    }

    private void Advance()
    {
        _position++;
        if (_position == Rate)
        {
            RunPermutation();
        }
    }

    private void RunPermutation()
    {
        // Padding: the operation's start position, then the STROBE pad bits after the data and at the end of the rate.
        _state[_position] ^= (byte)_positionBegin;
        _state[_position + 1] ^= 0x04;
        _state[Rate + 1] ^= 0x80;
        KeccakF1600.Permute(_state);
        _position = 0;
        _positionBegin = 0;
    }
}
