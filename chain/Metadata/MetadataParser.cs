using System.Buffers.Binary;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Metadata;

/// <summary>
/// Reads the frame-metadata encodings V14, V15 and V16 (paritytech/frame-metadata). They share the scale-info type
/// registry; V15 adds pallet docs, runtime APIs, outer enums and custom values; V16 adds deprecation notes,
/// associated types, view functions, API versions and per-version transaction extensions, and drops the runtime type.
/// Docs other than variant docs, and everything the client does not use, are skipped, not kept.
/// </summary>
internal static class MetadataParser
{
    /// <summary>"meta" read as a little-endian u32, as frame-metadata writes it.</summary>
    private const uint Magic = 0x6174656d;

    private delegate T ReadItem<T>(ref ScaleReader reader);

    public static RuntimeMetadata Parse(ReadOnlySpan<byte> metadata)
    {
        var reader = new ScaleReader(metadata);
        if (metadata.Length < 5 || BinaryPrimitives.ReadUInt32LittleEndian(metadata) != Magic)
        {
            throw new ScaleDecodeException("Not runtime metadata: it does not start with the magic \"meta\" (6d657461)", 0);
        }
        reader.Skip(4);
        var version = reader.ReadU8();
        if (version is < 14 or > 16)
        {
            throw new NotSupportedException(
                $"Metadata V{version} is not supported; request V15 with state_call Metadata_metadata_at_version(15).");
        }
        var types = ReadRegistry(ref reader);
        var pallets = ReadVec(ref reader, (ref ScaleReader r) => ReadPallet(ref r, version, types));
        var extrinsic = ReadExtrinsic(ref reader, version, types);
        if (version < 16)
        {
            ReadTypeId(ref reader); // the runtime type
        }
        var apis = version == 14 ? [] : ReadVec(ref reader, (ref ScaleReader r) => ReadRuntimeApi(ref r, version));
        if (version > 14)
        {
            SkipOuterEnumsAndCustom(ref reader);
        }
        reader.EnsureConsumed();
        return new RuntimeMetadata(version, types, pallets, extrinsic, apis);
    }

    private static TypeRegistry ReadRegistry(ref ScaleReader reader)
    {
        var start = reader.Position;
        var entries = ReadVec(ref reader, ReadPortableType);
        var types = new PortableType[entries.Length];
        foreach (var entry in entries)
        {
            if (entry.Id >= types.Length || types[entry.Id] is not null)
            {
                throw new ScaleDecodeException($"Type registry ids are not 0…{types.Length - 1} each once (id {entry.Id})", start);
            }
            types[entry.Id] = entry;
        }
        return new TypeRegistry(types);
    }

    private static PortableType ReadPortableType(ref ScaleReader reader)
    {
        var id = ReadTypeId(ref reader);
        var path = ReadVec(ref reader, ReadString);
        var parameters = ReadVec(ref reader, static (ref ScaleReader r) =>
            new TypeParameter(r.ReadString(), r.ReadOptionTag() ? ReadTypeId(ref r) : null));
        var definition = ReadTypeDef(ref reader);
        SkipDocs(ref reader);
        return new PortableType(id, path, parameters, definition);
    }

    private static TypeDef ReadTypeDef(ref ScaleReader reader)
    {
        var start = reader.Position;
        return reader.ReadU8() switch
        {
            0 => new CompositeDef(ReadVec(ref reader, ReadField)),
            1 => new VariantDef(ReadVec(ref reader, ReadVariant)),
            2 => new SequenceDef(ReadTypeId(ref reader)),
            3 => new ArrayDef(reader.ReadU32(), ReadTypeId(ref reader)),
            4 => new TupleDef(ReadVec(ref reader, ReadTypeId)),
            5 => new PrimitiveDef(ReadPrimitive(ref reader)),
            6 => new CompactDef(ReadTypeId(ref reader)),
            7 => new BitSequenceDef(ReadTypeId(ref reader), ReadTypeId(ref reader)),
            var tag => throw new ScaleDecodeException($"Unknown type definition kind {tag}", start),
        };
    }

    private static Primitive ReadPrimitive(ref ScaleReader reader)
    {
        var kind = reader.ReadU8();
        return kind <= (byte)Primitive.I256 ? (Primitive)kind : throw new ScaleDecodeException($"Unknown primitive {kind}", reader.Position - 1);
    }

    private static Field ReadField(ref ScaleReader reader)
    {
        var name = ReadOptionalString(ref reader);
        var type = ReadTypeId(ref reader);
        var typeName = ReadOptionalString(ref reader);
        SkipDocs(ref reader);
        return new Field(name, type, typeName);
    }

    private static Variant ReadVariant(ref ScaleReader reader)
    {
        var name = reader.ReadString();
        var fields = ReadVec(ref reader, ReadField);
        var index = reader.ReadU8();
        var docs = ReadVec(ref reader, ReadString);
        return new Variant(name, index, fields, docs);
    }

    private static PalletMetadata ReadPallet(ref ScaleReader reader, int version, TypeRegistry types)
    {
        var name = reader.ReadString();
        var storage = reader.ReadOptionTag() ? ReadStorage(ref reader, version, types) : [];
        var calls = ReadEnumReference(ref reader, version);
        var events = ReadEnumReference(ref reader, version);
        var constants = ReadVec(ref reader, (ref ScaleReader r) => ReadConstant(ref r, version));
        var errors = ReadEnumReference(ref reader, version);
        if (version >= 16)
        {
            SkipAssociatedTypesAndViewFunctions(ref reader);
        }
        var index = reader.ReadU8();
        if (version >= 15)
        {
            SkipDocs(ref reader);
        }
        if (version >= 16)
        {
            SkipItemDeprecation(ref reader);
        }
        return new PalletMetadata(
            name, index, storage,
            calls, VariantsOf(types, calls, name, "calls"),
            events, VariantsOf(types, events, name, "events"),
            errors, VariantsOf(types, errors, name, "errors"),
            constants);
    }

    private static StorageEntryMetadata[] ReadStorage(ref ScaleReader reader, int version, TypeRegistry types)
    {
        var prefix = reader.ReadString();
        return ReadVec(ref reader, (ref ScaleReader r) => ReadStorageEntry(ref r, prefix, version, types));
    }

    private static StorageEntryMetadata ReadStorageEntry(ref ScaleReader reader, string prefix, int version, TypeRegistry types)
    {
        var name = reader.ReadString();
        var modifierAt = reader.Position;
        var modifier = reader.ReadU8() switch
        {
            0 => StorageEntryModifier.Optional,
            1 => StorageEntryModifier.Default,
            var other => throw new ScaleDecodeException($"Unknown storage modifier {other} in {prefix}.{name}", modifierAt),
        };
        var kindAt = reader.Position;
        StorageHasher[] hashers;
        int[] keyTypes;
        int valueType;
        switch (reader.ReadU8())
        {
            case 0:
                hashers = [];
                keyTypes = [];
                valueType = ReadTypeId(ref reader);
                break;
            case 1:
                hashers = ReadVec(ref reader, ReadHasher);
                var keyType = ReadTypeId(ref reader);
                valueType = ReadTypeId(ref reader);
                keyTypes = KeyTypes(types, hashers.Length, keyType, $"{prefix}.{name}");
                break;
            case var other:
                throw new ScaleDecodeException($"Unknown storage entry kind {other} in {prefix}.{name}", kindAt);
        }
        var defaultValue = reader.ReadByteVec().ToArray();
        SkipDocs(ref reader);
        if (version >= 16)
        {
            SkipItemDeprecation(ref reader);
        }
        return new StorageEntryMetadata(prefix, name, modifier, hashers, keyTypes, valueType, defaultValue);
    }

    private static StorageHasher ReadHasher(ref ScaleReader reader)
    {
        var hasher = reader.ReadU8();
        return hasher <= (byte)StorageHasher.Identity ? (StorageHasher)hasher : throw new ScaleDecodeException($"Unknown storage hasher {hasher}", reader.Position - 1);
    }

    /// <summary>A map with one hasher has one key type; with several, the key type is the tuple of the key parts.</summary>
    private static int[] KeyTypes(TypeRegistry types, int hasherCount, int keyType, string entry)
    {
        if (hasherCount == 1)
        {
            return [keyType];
        }
        return types[keyType].Definition is TupleDef tuple && tuple.Elements.Count == hasherCount
            ? [.. tuple.Elements]
            : throw new InvalidOperationException($"Storage map {entry} has {hasherCount} hashers but its key type {keyType} is not a tuple of that many parts.");
    }

    private static ConstantMetadata ReadConstant(ref ScaleReader reader, int version)
    {
        var name = reader.ReadString();
        var type = ReadTypeId(ref reader);
        var value = reader.ReadByteVec().ToArray();
        SkipDocs(ref reader);
        if (version >= 16)
        {
            SkipItemDeprecation(ref reader);
        }
        return new ConstantMetadata(name, type, value);
    }

    /// <summary>Calls, events or errors: an optional enum type id (V16 adds per-variant deprecation notes).</summary>
    private static int? ReadEnumReference(ref ScaleReader reader, int version)
    {
        if (!reader.ReadOptionTag())
        {
            return null;
        }
        var type = ReadTypeId(ref reader);
        if (version >= 16)
        {
            ReadVec(ref reader, static (ref ScaleReader r) =>
            {
                r.ReadU8();
                SkipVariantDeprecation(ref r);
                return 0;
            });
        }
        return type;
    }

    private static IReadOnlyList<Variant> VariantsOf(TypeRegistry types, int? type, string pallet, string what) => type switch
    {
        null => [],
        { } id when types[id].Definition is VariantDef variants => variants.Variants,
        { } id => throw new InvalidOperationException($"The {what} type {id} of pallet {pallet} is not an enum."),
    };

    private static ExtrinsicMetadata ReadExtrinsic(ref ScaleReader reader, int version, TypeRegistry types)
    {
        switch (version)
        {
            case 14:
                var extrinsicType = ReadTypeId(ref reader);
                var v14Version = reader.ReadU8();
                var v14Extensions = ReadVec(ref reader, ReadExtension);
                return new ExtrinsicMetadata(
                    [v14Version],
                    TypeParameterOf(types, extrinsicType, "Address"),
                    TypeParameterOf(types, extrinsicType, "Call"),
                    TypeParameterOf(types, extrinsicType, "Signature"),
                    v14Extensions);
            case 15:
                var v15Version = reader.ReadU8();
                var address = ReadTypeId(ref reader);
                var call = ReadTypeId(ref reader);
                var signature = ReadTypeId(ref reader);
                ReadTypeId(ref reader); // extra: the tuple of the extension types
                return new ExtrinsicMetadata([v15Version], address, call, signature, ReadVec(ref reader, ReadExtension));
            default:
                return ReadV16Extrinsic(ref reader);
        }
    }

    private static ExtrinsicMetadata ReadV16Extrinsic(ref ScaleReader reader)
    {
        var versions = reader.ReadByteVec().ToArray();
        var address = ReadTypeId(ref reader);
        var call = ReadTypeId(ref reader);
        var signature = ReadTypeId(ref reader);
        var byVersionAt = reader.Position;
        var byVersion = ReadVec(ref reader, static (ref ScaleReader r) => (Version: r.ReadU8(), Indexes: ReadVec(ref r, ReadTypeId)));
        var all = ReadVec(ref reader, ReadExtension);
        var forV4 = byVersion.FirstOrDefault(entry => entry.Version == 0).Indexes
            ?? throw new ScaleDecodeException("V16 metadata lists no transaction extensions for extension version 0 (version-4 extrinsics)", byVersionAt);
        var extensions = new TransactionExtensionMetadata[forV4.Length];
        for (var i = 0; i < forV4.Length; i++)
        {
            extensions[i] = forV4[i] < all.Length ? all[forV4[i]] : throw new ScaleDecodeException($"Transaction extension index {forV4[i]} is out of range", byVersionAt);
        }
        return new ExtrinsicMetadata(versions, address, call, signature, extensions);
    }

    private static TransactionExtensionMetadata ReadExtension(ref ScaleReader reader) =>
        new(reader.ReadString(), ReadTypeId(ref reader), ReadTypeId(ref reader));

    private static int? TypeParameterOf(TypeRegistry types, int type, string name) =>
        types[type].Parameters.FirstOrDefault(parameter => parameter.Name == name)?.Type;

    private static RuntimeApiMetadata ReadRuntimeApi(ref ScaleReader reader, int version)
    {
        var name = reader.ReadString();
        var methods = ReadVec(ref reader, (ref ScaleReader r) => ReadRuntimeApiMethod(ref r, name, version));
        SkipDocs(ref reader);
        if (version >= 16)
        {
            reader.ReadCompactU32(); // API version
            SkipItemDeprecation(ref reader);
        }
        return new RuntimeApiMetadata(name, methods);
    }

    private static RuntimeApiMethod ReadRuntimeApiMethod(ref ScaleReader reader, string api, int version)
    {
        var name = reader.ReadString();
        var inputs = ReadVec(ref reader, ReadParameter);
        var output = ReadTypeId(ref reader);
        SkipDocs(ref reader);
        if (version >= 16)
        {
            SkipItemDeprecation(ref reader);
        }
        return new RuntimeApiMethod(api, name, inputs, output);
    }

    private static RuntimeApiParameter ReadParameter(ref ScaleReader reader) => new(reader.ReadString(), ReadTypeId(ref reader));

    private static void SkipAssociatedTypesAndViewFunctions(ref ScaleReader reader)
    {
        ReadVec(ref reader, static (ref ScaleReader r) =>
        {
            SkipString(ref r);
            ReadTypeId(ref r);
            SkipDocs(ref r);
            return 0;
        });
        ReadVec(ref reader, static (ref ScaleReader r) =>
        {
            r.Skip(32); // id
            SkipString(ref r);
            ReadVec(ref r, ReadParameter);
            ReadTypeId(ref r);
            SkipDocs(ref r);
            SkipItemDeprecation(ref r);
            return 0;
        });
    }

    private static void SkipOuterEnumsAndCustom(ref ScaleReader reader)
    {
        ReadTypeId(ref reader); // call enum
        ReadTypeId(ref reader); // event enum
        ReadTypeId(ref reader); // error enum
        ReadVec(ref reader, static (ref ScaleReader r) =>
        {
            SkipString(ref r);
            ReadTypeId(ref r);
            r.ReadByteVec();
            return 0;
        });
    }

    /// <summary>V16 ItemDeprecationInfo: 0 not deprecated, 1 deprecated without note, 2 deprecated { note, since }.</summary>
    private static void SkipItemDeprecation(ref ScaleReader reader) => SkipDeprecation(ref reader, notDeprecatedAllowed: true);

    /// <summary>V16 VariantDeprecationInfo, indexed like ItemDeprecationInfo but without "not deprecated".</summary>
    private static void SkipVariantDeprecation(ref ScaleReader reader) => SkipDeprecation(ref reader, notDeprecatedAllowed: false);

    private static void SkipDeprecation(ref ScaleReader reader, bool notDeprecatedAllowed)
    {
        var at = reader.Position;
        switch (reader.ReadU8())
        {
            case 0 when notDeprecatedAllowed:
            case 1:
                break;
            case 2:
                SkipDeprecationNote(ref reader);
                break;
            case var other:
                throw new ScaleDecodeException($"Unknown {(notDeprecatedAllowed ? "" : "variant ")}deprecation info {other}", at);
        }
    }

    private static void SkipDeprecationNote(ref ScaleReader reader)
    {
        SkipString(ref reader);
        if (reader.ReadOptionTag())
        {
            SkipString(ref reader);
        }
    }

    private static string? ReadOptionalString(ref ScaleReader reader) => reader.ReadOptionTag() ? reader.ReadString() : null;

    private static string ReadString(ref ScaleReader reader) => reader.ReadString();

    private static void SkipString(ref ScaleReader reader) => reader.ReadByteVec();

    private static void SkipDocs(ref ScaleReader reader)
    {
        for (var count = reader.ReadLength(); count > 0; count--)
        {
            SkipString(ref reader);
        }
    }

    private static int ReadTypeId(ref ScaleReader reader)
    {
        var at = reader.Position;
        var id = reader.ReadCompactU32();
        return id <= int.MaxValue ? (int)id : throw new ScaleDecodeException($"Type id {id} is out of range", at);
    }

    /// <summary>A Vec of items; the capacity is capped by the bytes left, since every item here takes at least one.</summary>
    private static T[] ReadVec<T>(ref ScaleReader reader, ReadItem<T> read)
    {
        var at = reader.Position;
        var count = reader.ReadLength();
        if (count > reader.Remaining)
        {
            throw new ScaleDecodeException($"A list of {count} items cannot fit in the {reader.Remaining} bytes left", at);
        }
        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = read(ref reader);
        }
        return items;
    }
}
