using Loosh.Chain.Metadata;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// An encoded call: pallet index ‖ call index ‖ arguments (chain.md §2.4). The indexes come from the live metadata
/// because runtime upgrades may move them; the names are kept for messages and logs.
/// </summary>
public sealed record RuntimeCall(string Pallet, string Name, byte[] Encoded)
{
    /// <summary>
    /// Encodes <paramref name="pallet"/>.<paramref name="call"/> after checking that the metadata declares exactly the
    /// <paramref name="arguments"/> given: same count, and for each position the same field name and type.
    /// </summary>
    /// <exception cref="UnsupportedRuntimeException">The call's field list differs; the message names the first difference.</exception>
    /// <exception cref="KeyNotFoundException">The runtime has no such pallet or call.</exception>
    public static RuntimeCall Encode(RuntimeMetadata metadata, string pallet, string call, params IReadOnlyList<CallArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(arguments);
        var palletMetadata = metadata.Pallet(pallet);
        var variant = palletMetadata.Call(call);
        CheckFields(metadata.Types, $"{pallet}.{call}", variant.Fields, arguments);
        var writer = new ScaleWriter(64).WriteU8(palletMetadata.Index).WriteU8(variant.Index);
        foreach (var argument in arguments)
        {
            argument.Write(writer);
        }
        return new RuntimeCall(pallet, call, writer.ToArray());
    }

    private static void CheckFields(TypeRegistry types, string call, IReadOnlyList<Field> fields, IReadOnlyList<CallArgument> arguments)
    {
        for (var i = 0; i < Math.Max(fields.Count, arguments.Count); i++)
        {
            var declared = i < fields.Count ? $"`{fields[i].Name}: {types.Describe(fields[i].Type)}`" : "absent";
            var expected = i < arguments.Count ? $"`{arguments[i].Name}: {arguments[i].Type}`" : "absent";
            if (declared != expected)
            {
                throw new UnsupportedRuntimeException(
                    $"{call} argument {i} is {declared} in the runtime's metadata but {expected} in this client; "
                    + $"the runtime declares ({Signature(types, fields)}).");
            }
        }
    }

    private static string Signature(TypeRegistry types, IReadOnlyList<Field> fields) =>
        string.Join(", ", fields.Select(field => $"{field.Name}: {types.Describe(field.Type)}"));
}
