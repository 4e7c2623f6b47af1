using Loosh.Chain.Metadata;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Extrinsics;

/// <summary>The bytes all transaction extensions contribute: <see cref="Extra"/> goes into the extrinsic and the payload, <see cref="Implicit"/> only into the payload.</summary>
public sealed record ExtensionBytes(byte[] Extra, byte[] Implicit);

/// <summary>
/// Walks the runtime's transaction-extension list in order and writes each one's extra and implicit bytes (chain.md
/// §2.6). The list differs between runtimes (names, order, new entries), so it is never hard-coded: known identifiers
/// are encoded, unknown ones are accepted only when both their types are zero-sized, and every contribution is checked
/// to decode as the type the metadata declares for it.
/// </summary>
public static class TransactionExtensionEncoder
{
    private const int HashLength = 32;

    /// <exception cref="UnsupportedRuntimeException">An extension carries data this client cannot supply, or a known one changed its type.</exception>
    public static ExtensionBytes Encode(TypeRegistry types, IReadOnlyList<TransactionExtensionMetadata> extensions, TransactionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(extensions);
        Validate(parameters);
        var extra = new ScaleWriter(16);
        var @implicit = new ScaleWriter(128);
        foreach (var extension in extensions)
        {
            var extraStart = extra.Length;
            var implicitStart = @implicit.Length;
            Write(types, extension, parameters, extra, @implicit);
            CheckDecodes(types, extension, extension.Type, extra.WrittenSpan[extraStart..], "extra");
            CheckDecodes(types, extension, extension.ImplicitType, @implicit.WrittenSpan[implicitStart..], "implicit");
        }
        return new ExtensionBytes(extra.ToArray(), @implicit.ToArray());
    }

    private static void Write(TypeRegistry types, TransactionExtensionMetadata extension, TransactionParameters parameters, ScaleWriter extra, ScaleWriter @implicit)
    {
        switch (extension.Identifier)
        {
            case "CheckNonZeroSender" or "CheckWeight":
                break;
            case "CheckSpecVersion":
                @implicit.WriteU32(parameters.SpecVersion);
                break;
            case "CheckTxVersion":
                @implicit.WriteU32(parameters.TransactionVersion);
                break;
            case "CheckGenesis":
                @implicit.WriteBytes(parameters.GenesisHash);
                break;
            case "CheckMortality":
                extra.WriteBytes(parameters.Era is { } era ? era.Encode() : [0]);
                @implicit.WriteBytes(parameters.BirthHash ?? parameters.GenesisHash);
                break;
            case "CheckNonce":
                extra.WriteCompact(parameters.Nonce);
                break;
            case "ChargeTransactionPayment" or "ChargeTransactionPaymentWrapper":
                extra.WriteCompact(parameters.Tip);
                break;
            case "CheckMetadataHash":
                // Mode 0 (disabled), so no metadata hash is signed: None.
                extra.WriteU8(0);
                @implicit.WriteOptionTag(false);
                break;
            default:
                if (types.FixedSize(extension.Type) != 0 || types.FixedSize(extension.ImplicitType) != 0)
                {
                    throw new UnsupportedRuntimeException(
                        $"The runtime's transaction extension {extension.Identifier} carries data (extra {types.Describe(extension.Type)}, "
                        + $"implicit {types.Describe(extension.ImplicitType)}) that this client does not know how to supply.");
                }
                break;
        }
    }

    private static void CheckDecodes(TypeRegistry types, TransactionExtensionMetadata extension, int type, ReadOnlySpan<byte> written, string part)
    {
        try
        {
            types.DecodeAll(type, written);
        }
        catch (ScaleDecodeException error)
        {
            throw new UnsupportedRuntimeException(
                $"The {part} bytes written for transaction extension {extension.Identifier} (0x{Convert.ToHexStringLower(written)}) "
                + $"do not decode as its declared type {types.Describe(type)}: {error.Message}", error);
        }
    }

    private static void Validate(TransactionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.GenesisHash is not { Length: HashLength })
        {
            throw new ArgumentException($"The genesis hash has {HashLength} bytes.", nameof(parameters));
        }
        if (parameters.Era is not null && parameters.BirthHash is not { Length: HashLength })
        {
            throw new ArgumentException($"A mortal transaction needs the {HashLength}-byte hash of its era's birth block.", nameof(parameters));
        }
        if (parameters.Era is null && parameters.BirthHash is not null)
        {
            throw new ArgumentException("An immortal transaction commits to the genesis hash; a birth hash makes no sense without an era.", nameof(parameters));
        }
    }
}
