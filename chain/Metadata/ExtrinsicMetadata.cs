namespace Loosh.Chain.Metadata;

/// <summary>
/// What an extrinsic builder needs: supported extrinsic versions, the address/call/signature types, and the
/// transaction extensions a version-4 signed extrinsic carries, in order. V14 and V15 call them "signed extensions"
/// and their implicit part "additional signed"; V16 lists them per extension version, and version 0 is the one v4
/// extrinsics use.
/// </summary>
public sealed record ExtrinsicMetadata(
    IReadOnlyList<byte> Versions,
    int? AddressType,
    int? CallType,
    int? SignatureType,
    IReadOnlyList<TransactionExtensionMetadata> TransactionExtensions);

/// <summary>
/// A transaction extension: <see cref="Type"/> is the "extra" that goes into the extrinsic and the signing payload,
/// <see cref="ImplicitType"/> the part that is only signed (spec version, genesis hash, …).
/// </summary>
public sealed record TransactionExtensionMetadata(string Identifier, int Type, int ImplicitType);
