using System.Numerics;
using System.Text;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Metadata;

/// <summary>
/// Decodes any registry type into a <see cref="ScaleValue"/> tree, driven only by the metadata: the fallback for
/// events, storage values and runtime-API results that have no hand-written decoder. Failures are
/// <see cref="ScaleDecodeException"/>s with the offset; <see cref="DecodeAll"/> also rejects unread trailing bytes,
/// which is how a wrong type choice shows up.
/// </summary>
public static class ScaleValueDecoder
{
    /// <summary>Decodes one value of type <paramref name="typeId"/> that must span all of <paramref name="data"/>.</summary>
    public static ScaleValue DecodeAll(this TypeRegistry types, int typeId, ReadOnlySpan<byte> data)
    {
        var reader = new ScaleReader(data);
        var value = types.Decode(typeId, ref reader);
        reader.EnsureConsumed();
        return value;
    }

    /// <summary>Decodes one value of type <paramref name="typeId"/> at the reader's position and advances past it.</summary>
    public static ScaleValue Decode(this TypeRegistry types, int typeId, ref ScaleReader reader) => Decode(types, typeId, ref reader, 0);

    private static ScaleValue Decode(TypeRegistry types, int typeId, ref ScaleReader reader, int depth) =>
        Resolve(types, typeId, ref reader, depth).Definition switch
        {
            CompositeDef composite => new CompositeValue(DecodeFields(types, composite.Fields, ref reader, depth)),
            VariantDef variant => DecodeVariant(types, typeId, variant, ref reader, depth),
            SequenceDef sequence => DecodeElements(types, sequence.ElementType, reader.ReadLength(), ref reader, depth),
            ArrayDef array => DecodeElements(types, array.ElementType, checked((int)array.Length), ref reader, depth),
            TupleDef tuple => DecodeTuple(types, tuple, ref reader, depth),
            PrimitiveDef primitive => DecodePrimitive(primitive.Kind, ref reader),
            CompactDef compact => DecodeCompact(types, compact.InnerType, ref reader, depth + 1),
            BitSequenceDef bits => DecodeBits(types, bits, ref reader),
            var other => throw new ScaleDecodeException($"Type {typeId} has an unknown definition {other}", reader.Position),
        };

    private static PortableType Resolve(TypeRegistry types, int typeId, ref ScaleReader reader, int depth)
    {
        if ((uint)typeId >= (uint)types.Count)
        {
            throw new ScaleDecodeException($"Type id {typeId} is not in the registry", reader.Position);
        }
        return depth <= TypeRegistry.MaxDepth
            ? types[typeId]
            : throw new ScaleDecodeException($"Type {typeId} nests more than {TypeRegistry.MaxDepth} levels deep", reader.Position);
    }

    private static NamedValue[] DecodeFields(TypeRegistry types, IReadOnlyList<Field> fields, ref ScaleReader reader, int depth)
    {
        var values = new NamedValue[fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new NamedValue(fields[i].Name, Decode(types, fields[i].Type, ref reader, depth + 1));
        }
        return values;
    }

    private static VariantValue DecodeVariant(TypeRegistry types, int typeId, VariantDef definition, ref ScaleReader reader, int depth)
    {
        var at = reader.Position;
        var index = reader.ReadU8();
        var variant = definition.Find(index)
            ?? throw new ScaleDecodeException($"Variant index {index} is not defined for {types.Describe(typeId)} (type {typeId})", at);
        return new VariantValue(variant.Name, variant.Index, DecodeFields(types, variant.Fields, ref reader, depth));
    }

    private static ScaleValue DecodeElements(TypeRegistry types, int elementType, int count, ref ScaleReader reader, int depth)
    {
        var element = Resolve(types, elementType, ref reader, depth + 1);
        if (element.Definition is PrimitiveDef { Kind: Primitive.U8 })
        {
            return new BytesValue(reader.ReadBytes(count).ToArray());
        }
        if (count > reader.Remaining && types.FixedSize(elementType) != 0)
        {
            throw new ScaleDecodeException($"{count} elements of {types.Describe(elementType)} cannot fit in the {reader.Remaining} bytes left", reader.Position);
        }
        var items = new ScaleValue[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = Decode(types, elementType, ref reader, depth + 1);
        }
        return new SequenceValue(items);
    }

    private static CompositeValue DecodeTuple(TypeRegistry types, TupleDef tuple, ref ScaleReader reader, int depth)
    {
        var values = new NamedValue[tuple.Elements.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new NamedValue(null, Decode(types, tuple.Elements[i], ref reader, depth + 1));
        }
        return new CompositeValue(values);
    }

    private static ScaleValue DecodePrimitive(Primitive kind, ref ScaleReader reader)
    {
        var at = reader.Position;
        return kind switch
        {
            Primitive.Bool => new BoolValue(reader.ReadBool()),
            Primitive.Character => Rune.TryCreate(reader.ReadU32(), out var rune) ? new CharValue(rune) : throw new ScaleDecodeException("Invalid char", at),
            Primitive.Str => new StringValue(reader.ReadString()),
            Primitive.U8 => new UnsignedValue(kind, reader.ReadU8()),
            Primitive.U16 => new UnsignedValue(kind, reader.ReadU16()),
            Primitive.U32 => new UnsignedValue(kind, reader.ReadU32()),
            Primitive.U64 => new UnsignedValue(kind, reader.ReadU64()),
            Primitive.U128 => new UnsignedValue(kind, reader.ReadU128()),
            Primitive.I8 => new SignedValue(kind, reader.ReadI8()),
            Primitive.I16 => new SignedValue(kind, reader.ReadI16()),
            Primitive.I32 => new SignedValue(kind, reader.ReadI32()),
            Primitive.I64 => new SignedValue(kind, reader.ReadI64()),
            Primitive.I128 => new SignedValue(kind, reader.ReadI128()),
            Primitive.U256 => new BigIntegerValue(kind, new BigInteger(reader.ReadBytes(32), isUnsigned: true)),
            Primitive.I256 => new BigIntegerValue(kind, new BigInteger(reader.ReadBytes(32), isUnsigned: false)),
            _ => throw new ScaleDecodeException($"Unknown primitive {kind}", at),
        };
    }

    /// <summary>Compact applies to an unsigned integer, or to a struct or tuple wrapping one (e.g. Compact&lt;Perbill&gt;).</summary>
    private static ScaleValue DecodeCompact(TypeRegistry types, int innerType, ref ScaleReader reader, int depth)
    {
        var at = reader.Position;
        switch (Resolve(types, innerType, ref reader, depth).Definition)
        {
            case PrimitiveDef { Kind: Primitive.U8 or Primitive.U16 or Primitive.U32 or Primitive.U64 or Primitive.U128 } primitive:
                var value = reader.ReadCompactU128();
                return value <= MaxOf(primitive.Kind)
                    ? new UnsignedValue(primitive.Kind, value)
                    : throw new ScaleDecodeException($"Compact value {value} does not fit {primitive.Kind}", at);
            case CompositeDef { Fields.Count: 0 }:
            case TupleDef { Elements.Count: 0 }:
                return new CompositeValue([]);
            case CompositeDef { Fields.Count: 1 } wrapper:
                return new CompositeValue([new NamedValue(wrapper.Fields[0].Name, DecodeCompact(types, wrapper.Fields[0].Type, ref reader, depth + 1))]);
            case TupleDef { Elements.Count: 1 } wrapper:
                return new CompositeValue([new NamedValue(null, DecodeCompact(types, wrapper.Elements[0], ref reader, depth + 1))]);
            default:
                throw new ScaleDecodeException($"Compact<{types.Describe(innerType)}> is not a compact integer type", at);
        }
    }

    private static UInt128 MaxOf(Primitive kind) => kind switch
    {
        Primitive.U8 => byte.MaxValue,
        Primitive.U16 => ushort.MaxValue,
        Primitive.U32 => uint.MaxValue,
        Primitive.U64 => ulong.MaxValue,
        _ => UInt128.MaxValue,
    };

    /// <summary>
    /// bitvec's encoding: compact bit count, then whole store words (u8 … u64, little-endian). Lsb0 takes bits from
    /// the least significant end of each word, Msb0 from the most significant.
    /// </summary>
    private static BitSequenceValue DecodeBits(TypeRegistry types, BitSequenceDef definition, ref ScaleReader reader)
    {
        var at = reader.Position;
        var wordBits = types[definition.StoreType].Definition switch
        {
            PrimitiveDef { Kind: Primitive.U8 } => 8,
            PrimitiveDef { Kind: Primitive.U16 } => 16,
            PrimitiveDef { Kind: Primitive.U32 } => 32,
            PrimitiveDef { Kind: Primitive.U64 } => 64,
            _ => throw new ScaleDecodeException($"Bit store type {types.Describe(definition.StoreType)} is not u8, u16, u32 or u64", at),
        };
        var mostSignificantFirst = types[definition.OrderType].Path is [.., "Msb0"];
        var bitCount = reader.ReadLength();
        var words = reader.ReadBytes((int)(((long)bitCount + wordBits - 1) / wordBits * (wordBits / 8)));
        var bits = new bool[bitCount];
        for (var i = 0; i < bitCount; i++)
        {
            var word = i / wordBits;
            var bitInWord = i % wordBits;
            var bitInWordValue = mostSignificantFirst ? wordBits - 1 - bitInWord : bitInWord;
            var byteInWord = bitInWordValue / 8;
            bits[i] = ((words[(word * wordBits / 8) + byteInWord] >> (bitInWordValue % 8)) & 1) != 0;
        }
        return new BitSequenceValue(bits);
    }
}
