using System.Numerics;
using System.Text;

namespace Loosh.Chain.Metadata;

/// <summary>
/// A value decoded by <see cref="ScaleValueDecoder"/> without a C# type for it: events, storage values and
/// runtime-API results whose layout is known only from the metadata. Match on the subtypes.
/// </summary>
public abstract record ScaleValue;

/// <summary>A struct or tuple: fields in SCALE order, named for structs, unnamed (null) for tuples.</summary>
public sealed record CompositeValue(IReadOnlyList<NamedValue> Fields) : ScaleValue
{
    public ScaleValue this[string name] =>
        Fields.FirstOrDefault(field => field.Name == name)?.Value
            ?? throw new KeyNotFoundException($"The composite has no field {name}.");

    public ScaleValue this[int position] => Fields[position].Value;
}

/// <summary>An enum value: the variant's name and index, and its fields.</summary>
public sealed record VariantValue(string Name, byte Index, IReadOnlyList<NamedValue> Fields) : ScaleValue;

/// <summary>A Vec or fixed array of anything but bytes.</summary>
public sealed record SequenceValue(IReadOnlyList<ScaleValue> Items) : ScaleValue;

/// <summary>A Vec&lt;u8&gt; or [u8; N] (account ids, hashes, byte strings), kept as bytes rather than one value per byte.</summary>
public sealed record BytesValue(byte[] Bytes) : ScaleValue;

public sealed record BoolValue(bool Value) : ScaleValue;

public sealed record StringValue(string Value) : ScaleValue;

/// <summary>A Rust char (a Unicode scalar value).</summary>
public sealed record CharValue(Rune Value) : ScaleValue;

/// <summary>u8 … u128, plain or compact; <see cref="Kind"/> says which.</summary>
public sealed record UnsignedValue(Primitive Kind, UInt128 Value) : ScaleValue;

public sealed record SignedValue(Primitive Kind, Int128 Value) : ScaleValue;

/// <summary>u256 or i256.</summary>
public sealed record BigIntegerValue(Primitive Kind, BigInteger Value) : ScaleValue;

public sealed record BitSequenceValue(IReadOnlyList<bool> Bits) : ScaleValue;

/// <summary>A field of a composite or variant; the name is null for tuple-like fields.</summary>
public sealed record NamedValue(string? Name, ScaleValue Value);
