using Loosh.Chain.Scale;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// One argument of a call: the field name and type the client expects the metadata to declare (in
/// <see cref="Metadata.TypeRegistry.Describe(int)"/> spelling, e.g. "u16", "Vec&lt;u16&gt;"), and how to write the value.
/// Pairing the value with its expected shape is what lets <see cref="RuntimeCall.Encode"/> refuse a call whose layout
/// changed in a runtime upgrade instead of sending bytes the runtime would read differently.
/// </summary>
public sealed record CallArgument(string Name, string Type, Action<ScaleWriter> Write)
{
    public static CallArgument U8(string name, byte value) => new(name, "u8", writer => writer.WriteU8(value));

    public static CallArgument U16(string name, ushort value) => new(name, "u16", writer => writer.WriteU16(value));

    public static CallArgument U32(string name, uint value) => new(name, "u32", writer => writer.WriteU32(value));

    public static CallArgument U64(string name, ulong value) => new(name, "u64", writer => writer.WriteU64(value));

    public static CallArgument U128(string name, UInt128 value) => new(name, "u128", writer => writer.WriteU128(value));

    /// <summary>A <c>Vec&lt;u16&gt;</c> of plain (not compact) values, as set_weights takes its uids and weights.</summary>
    public static CallArgument U16Vec(string name, IReadOnlyList<ushort> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ushort[] copy = [.. values];
        return new(name, "Vec<u16>", writer =>
        {
            writer.WriteLength(copy.Length);
            foreach (var value in copy)
            {
                writer.WriteU16(value);
            }
        });
    }
}
