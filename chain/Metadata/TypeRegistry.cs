namespace Loosh.Chain.Metadata;

/// <summary>
/// The metadata's portable type registry: every type the runtime exposes, by id. Calls, storage values, events,
/// constants and runtime-API results are all described by ids into it, which is what lets the client follow a
/// runtime upgrade without code changes.
/// </summary>
public sealed class TypeRegistry
{
    /// <summary>Deeper than any real runtime type; a registry that nests further is treated as malformed.</summary>
    internal const int MaxDepth = 128;

    private readonly PortableType[] _types;

    internal TypeRegistry(PortableType[] types)
    {
        _types = types;
    }

    public int Count => _types.Length;

    public IReadOnlyList<PortableType> Types => _types;

    public PortableType this[int id] =>
        (uint)id < (uint)_types.Length
            ? _types[id]
            : throw new KeyNotFoundException($"Type id {id} is not in the registry ({_types.Length} types).");

    /// <summary>
    /// The encoded size of every value of the type, or null when it varies (sequences, strings, compacts, enums whose
    /// variants differ in size). Zero means the type encodes to nothing, like the PhantomData transaction extensions.
    /// </summary>
    public int? FixedSize(int id) => FixedSize(id, 0);

    /// <summary>A short Rust-like name for messages: "u16", "Vec&lt;u16&gt;", "[u8; 32]", "Option&lt;u64&gt;", "NeuronInfoLite".</summary>
    public string Describe(int id) => Describe(id, 0);

    private int? FixedSize(int id, int depth)
    {
        var size = this[CheckDepth(id, depth)].Definition switch
        {
            CompositeDef composite => SumOrNull(composite.Fields.Select(field => field.Type), depth),
            TupleDef tuple => SumOrNull(tuple.Elements, depth),
            ArrayDef array => FixedSize(array.ElementType, depth + 1) * (long)array.Length,
            PrimitiveDef primitive => PrimitiveSize(primitive.Kind),
            VariantDef variant => VariantSize(variant, depth),
            _ => null,
        };
        return size is <= int.MaxValue ? (int?)size : null;
    }

    private long? SumOrNull(IEnumerable<int> types, int depth)
    {
        long total = 0;
        foreach (var type in types)
        {
            if (FixedSize(type, depth + 1) is not { } size)
            {
                return null;
            }
            total += size;
        }
        return total;
    }

    private long? VariantSize(VariantDef variant, int depth)
    {
        long? common = null;
        foreach (var item in variant.Variants)
        {
            var size = SumOrNull(item.Fields.Select(field => field.Type), depth);
            if (size is null || (common is not null && common != size))
            {
                return null;
            }
            common = size;
        }
        return 1 + common;
    }

    private static long? PrimitiveSize(Primitive kind) => kind switch
    {
        Primitive.Bool or Primitive.U8 or Primitive.I8 => 1,
        Primitive.U16 or Primitive.I16 => 2,
        Primitive.U32 or Primitive.I32 or Primitive.Character => 4,
        Primitive.U64 or Primitive.I64 => 8,
        Primitive.U128 or Primitive.I128 => 16,
        Primitive.U256 or Primitive.I256 => 32,
        _ => null,
    };

    private string Describe(int id, int depth)
    {
        var type = this[CheckDepth(id, depth)];
        return type.Definition switch
        {
            PrimitiveDef primitive => primitive.Kind.ToString().ToLowerInvariant(),
            SequenceDef sequence => $"Vec<{Describe(sequence.ElementType, depth + 1)}>",
            ArrayDef array => $"[{Describe(array.ElementType, depth + 1)}; {array.Length}]",
            TupleDef tuple => $"({string.Join(", ", tuple.Elements.Select(element => Describe(element, depth + 1)))})",
            CompactDef compact => $"Compact<{Describe(compact.InnerType, depth + 1)}>",
            BitSequenceDef => "BitVec",
            _ when type.Path.Count == 0 => $"type {id}",
            _ => DescribeNamed(type, depth),
        };
    }

    private string DescribeNamed(PortableType type, int depth)
    {
        var arguments = type.Parameters.Where(parameter => parameter.Type is not null).Select(parameter => Describe(parameter.Type!.Value, depth + 1)).ToList();
        return arguments.Count == 0 ? type.Path[^1] : $"{type.Path[^1]}<{string.Join(", ", arguments)}>";
    }

    private static int CheckDepth(int id, int depth) =>
        depth <= MaxDepth ? id : throw new InvalidOperationException($"Type {id} nests more than {MaxDepth} levels deep; the registry is malformed.");
}
