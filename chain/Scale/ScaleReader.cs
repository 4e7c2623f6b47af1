using System.Buffers.Binary;
using System.Text;

namespace Loosh.Chain.Scale;

/// <summary>
/// Reads SCALE (Substrate's little-endian, non-self-describing codec) from a span without copying. It is a ref
/// struct so that the hot paths (metagraph, events) decode straight from the response buffer; byte strings come
/// back as slices of it (read a <c>ReadOnlyMemory</c> through its <c>Span</c>). Every failure is a
/// <see cref="ScaleDecodeException"/> naming the offset.
/// </summary>
public ref struct ScaleReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ScaleReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool IsAtEnd => _position == _data.Length;

    public byte ReadU8()
    {
        if (_position >= _data.Length)
        {
            throw Truncated(1);
        }
        return _data[_position++];
    }

    public ushort ReadU16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadU32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadU64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public UInt128 ReadU128() => BinaryPrimitives.ReadUInt128LittleEndian(Take(16));

    public sbyte ReadI8() => unchecked((sbyte)ReadU8());

    public short ReadI16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    public int ReadI32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadI64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public Int128 ReadI128() => BinaryPrimitives.ReadInt128LittleEndian(Take(16));

    /// <summary>A bool is one byte, 0 or 1; anything else is invalid.</summary>
    public bool ReadBool() => ReadU8() switch
    {
        0 => false,
        1 => true,
        var other => throw new ScaleDecodeException($"Invalid bool byte 0x{other:x2}", _position - 1),
    };

    /// <summary>The tag of an <c>Option</c>: true when a value follows (0x01), false for None (0x00).</summary>
    public bool ReadOptionTag() => ReadU8() switch
    {
        0 => false,
        1 => true,
        var other => throw new ScaleDecodeException($"Invalid Option tag 0x{other:x2}", _position - 1),
    };

    public ushort ReadCompactU16() => (ushort)ReadCompact(ushort.MaxValue, "u16");

    public uint ReadCompactU32() => (uint)ReadCompact(uint.MaxValue, "u32");

    public ulong ReadCompactU64() => (ulong)ReadCompact(ulong.MaxValue, "u64");

    public UInt128 ReadCompactU128() => ReadCompact(UInt128.MaxValue, "u128");

    /// <summary>The compact element (or byte) count that prefixes a Vec, a string or a byte string.</summary>
    public int ReadLength() => (int)ReadCompact((uint)int.MaxValue, "a length");

    /// <summary>The next <paramref name="count"/> bytes, as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>A <c>Vec&lt;u8&gt;</c>: compact length, then the bytes (a slice of the input).</summary>
    public ReadOnlySpan<byte> ReadByteVec() => Take(ReadLength());

    /// <summary>A string: compact byte length, then UTF-8.</summary>
    public string ReadString()
    {
        var bytes = ReadByteVec();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ScaleDecodeException("Invalid UTF-8 in string", _position - bytes.Length);
        }
    }

    public void Skip(int count) => Take(count);

    /// <summary>Fails unless every byte has been read; a decode that leaves bytes over used the wrong type.</summary>
    public readonly void EnsureConsumed()
    {
        if (!IsAtEnd)
        {
            throw new ScaleDecodeException($"{Remaining} unread bytes remain after decoding", _position);
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            throw Truncated(count);
        }
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly ScaleDecodeException Truncated(int count) =>
        new($"Input ends early: {count} bytes needed, {Remaining} left", _position);

    /// <summary>
    /// Compact integers: the low two bits of the first byte select single-byte (6-bit value), two-byte (14-bit),
    /// four-byte (30-bit) or big-integer mode (upper six bits + 4 = number of little-endian bytes that follow).
    /// Like parity-scale-codec, non-canonical encodings (a value that fits a shorter mode) are rejected.
    /// </summary>
    private UInt128 ReadCompact(UInt128 max, string type)
    {
        var start = _position;
        var first = ReadU8();
        UInt128 value;
        switch (first & 0b11)
        {
            case 0b00:
                value = (uint)first >> 2;
                break;
            case 0b01:
                _position = start;
                var twoBytes = (uint)ReadU16() >> 2;
                RequireCanonical(twoBytes >= 1u << 6, twoBytes, start);
                value = twoBytes;
                break;
            case 0b10:
                _position = start;
                var fourBytes = ReadU32() >> 2;
                RequireCanonical(fourBytes >= 1u << 14, fourBytes, start);
                value = fourBytes;
                break;
            default:
                value = ReadBigCompact(first, start, type);
                break;
        }
        return value <= max ? value : throw new ScaleDecodeException($"Compact value {value} does not fit {type}", start);
    }

    private UInt128 ReadBigCompact(byte first, int start, string type)
    {
        var byteCount = (first >> 2) + 4;
        if (byteCount > 16)
        {
            throw new ScaleDecodeException($"Compact integer of {byteCount} bytes does not fit {type}", start);
        }
        var bytes = Take(byteCount);
        var value = UInt128.Zero;
        for (var i = byteCount - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }
        RequireCanonical(byteCount == 4 ? value >= 1u << 30 : bytes[^1] != 0, value, start);
        return value;
    }

    private static void RequireCanonical(bool canonical, UInt128 value, int start)
    {
        if (!canonical)
        {
            throw new ScaleDecodeException($"Non-canonical compact encoding of {value}", start);
        }
    }
}
