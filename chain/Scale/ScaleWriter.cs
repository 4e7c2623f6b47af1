using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Loosh.Chain.Scale;

/// <summary>
/// Writes SCALE into a growing buffer: call arguments, storage-key parts, runtime-API arguments and signing payloads.
/// Methods return the writer so that short encodings read as one expression.
/// </summary>
public sealed class ScaleWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public ScaleWriter(int initialCapacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
    }

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public ScaleWriter WriteU8(byte value)
    {
        Reserve(1)[0] = value;
        return Advance(1);
    }

    public ScaleWriter WriteU16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);
        return Advance(2);
    }

    public ScaleWriter WriteU32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
        return Advance(4);
    }

    public ScaleWriter WriteU64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        return Advance(8);
    }

    public ScaleWriter WriteU128(UInt128 value)
    {
        BinaryPrimitives.WriteUInt128LittleEndian(Reserve(16), value);
        return Advance(16);
    }

    public ScaleWriter WriteI8(sbyte value) => WriteU8(unchecked((byte)value));

    public ScaleWriter WriteI16(short value) => WriteU16(unchecked((ushort)value));

    public ScaleWriter WriteI32(int value) => WriteU32(unchecked((uint)value));

    public ScaleWriter WriteI64(long value) => WriteU64(unchecked((ulong)value));

    public ScaleWriter WriteI128(Int128 value) => WriteU128(unchecked((UInt128)value));

    public ScaleWriter WriteBool(bool value) => WriteU8(value ? (byte)1 : (byte)0);

    /// <summary>The tag of an <c>Option</c>; write the value itself after a true tag.</summary>
    public ScaleWriter WriteOptionTag(bool isSome) => WriteBool(isSome);

    /// <summary>A compact integer in the shortest of the four modes, as parity-scale-codec writes it.</summary>
    public ScaleWriter WriteCompact(UInt128 value)
    {
        if (value < 1u << 6)
        {
            return WriteU8((byte)((uint)value << 2));
        }
        if (value < 1u << 14)
        {
            return WriteU16((ushort)(((uint)value << 2) | 0b01));
        }
        if (value < 1u << 30)
        {
            return WriteU32(((uint)value << 2) | 0b10);
        }
        var byteCount = 16 - (int)(UInt128.LeadingZeroCount(value) / 8);
        var span = Reserve(1 + byteCount);
        span[0] = (byte)(((byteCount - 4) << 2) | 0b11);
        Span<byte> wide = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(wide, value);
        wide[..byteCount].CopyTo(span[1..]);
        return Advance(1 + byteCount);
    }

    /// <summary>The compact count that prefixes a Vec, a string or a byte string.</summary>
    public ScaleWriter WriteLength(int count) =>
        WriteCompact((uint)(count >= 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "A length is never negative.")));

    public ScaleWriter WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        return Advance(bytes.Length);
    }

    /// <summary>A <c>Vec&lt;u8&gt;</c>: compact length, then the bytes.</summary>
    public ScaleWriter WriteByteVec(ReadOnlySpan<byte> bytes) => WriteLength(bytes.Length).WriteBytes(bytes);

    /// <summary>A string: compact byte length, then UTF-8.</summary>
    public ScaleWriter WriteString(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteLength(byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
        return Advance(byteCount);
    }

    private Span<byte> Reserve(int count) => _buffer.GetSpan(count)[..count];

    private ScaleWriter Advance(int count)
    {
        _buffer.Advance(count);
        return this;
    }
}
