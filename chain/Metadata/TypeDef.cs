namespace Loosh.Chain.Metadata;

/// <summary>
/// The shape of a type in the portable registry (scale-info's <c>TypeDef</c>). Every reference to another type is a
/// registry id; <see cref="TypeRegistry"/> resolves them.
/// </summary>
public abstract record TypeDef;

/// <summary>A struct (named fields) or tuple struct (unnamed fields); encoded as its fields in order.</summary>
public sealed record CompositeDef(IReadOnlyList<Field> Fields) : TypeDef;

/// <summary>An enum; encoded as the one-byte variant index, then that variant's fields.</summary>
public sealed record VariantDef(IReadOnlyList<Variant> Variants) : TypeDef
{
    public Variant? Find(byte index)
    {
        foreach (var variant in Variants)
        {
            if (variant.Index == index)
            {
                return variant;
            }
        }
        return null;
    }
}

/// <summary>A <c>Vec&lt;T&gt;</c>: compact length, then the elements.</summary>
public sealed record SequenceDef(int ElementType) : TypeDef;

/// <summary>A fixed-length array <c>[T; N]</c>: the elements only, no length.</summary>
public sealed record ArrayDef(uint Length, int ElementType) : TypeDef;

/// <summary>A tuple: its elements in order (the empty tuple encodes to nothing).</summary>
public sealed record TupleDef(IReadOnlyList<int> Elements) : TypeDef;

/// <summary>bool, char, str or a fixed-width integer (little-endian).</summary>
public sealed record PrimitiveDef(Primitive Kind) : TypeDef;

/// <summary><c>Compact&lt;T&gt;</c> of an unsigned integer, or of a struct wrapping one.</summary>
public sealed record CompactDef(int InnerType) : TypeDef;

/// <summary>A bitvec: compact bit count, then the store words; the order type says which bit of a word comes first.</summary>
public sealed record BitSequenceDef(int StoreType, int OrderType) : TypeDef;

/// <summary>scale-info's primitive kinds, in their SCALE index order.</summary>
public enum Primitive : byte
{
    Bool,
    Character,
    Str,
    U8,
    U16,
    U32,
    U64,
    U128,
    U256,
    I8,
    I16,
    I32,
    I64,
    I128,
    I256,
}

/// <summary>A field of a struct or enum variant; <see cref="TypeName"/> is the Rust spelling (e.g. "NetUid", "Vec&lt;u16&gt;").</summary>
public sealed record Field(string? Name, int Type, string? TypeName);

/// <summary>
/// An enum variant: a call, an event, an error or an ordinary enum case. Docs are kept for variants only, because
/// they make call, event and error messages readable; other docs in the metadata are skipped.
/// </summary>
public sealed record Variant(string Name, byte Index, IReadOnlyList<Field> Fields, IReadOnlyList<string> Docs);

/// <summary>A generic parameter of a type; <see cref="Type"/> is absent when the parameter is not used in the encoding.</summary>
public sealed record TypeParameter(string Name, int? Type);

/// <summary>A registry entry: id, Rust path (e.g. pallet_subtensor::…::NeuronInfoLite), generic parameters and shape.</summary>
public sealed record PortableType(int Id, IReadOnlyList<string> Path, IReadOnlyList<TypeParameter> Parameters, TypeDef Definition)
{
    public string PathText => string.Join("::", Path);
}
