using Loosh.Chain.Crypto;
using Loosh.Chain.Hashing;
using Loosh.Chain.Metadata;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// Builds and signs version-4 extrinsics for one runtime (chain.md §2.6): Compact(length) ‖ 0x84 ‖ 0x00
/// (MultiAddress::Id) ‖ account ‖ 0x01 (MultiSignature::Sr25519) ‖ signature ‖ extras ‖ call. The extension bytes
/// follow the runtime's own list, so one builder per metadata; rebuild it when the spec version changes.
/// </summary>
public sealed class SignedExtrinsicBuilder
{
    private const byte SignedVersion4 = 0x80 | 4;
    private const byte MultiAddressId = 0x00;
    private const byte MultiSignatureSr25519 = 0x01;

    private readonly RuntimeMetadata _metadata;

    /// <exception cref="UnsupportedRuntimeException">The runtime does not accept version-4 extrinsics.</exception>
    public SignedExtrinsicBuilder(RuntimeMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.Extrinsic.Versions.Contains((byte)4))
        {
            throw new UnsupportedRuntimeException(
                $"The runtime accepts extrinsic versions {string.Join(", ", metadata.Extrinsic.Versions)}, not the signed version 4 this client builds.");
        }
        _metadata = metadata;
    }

    /// <summary>The extension bytes of <paramref name="parameters"/> for this runtime.</summary>
    public ExtensionBytes Extensions(TransactionParameters parameters) =>
        TransactionExtensionEncoder.Encode(_metadata.Types, _metadata.Extrinsic.TransactionExtensions, parameters);

    /// <summary>Signs <paramref name="call"/> with <paramref name="signer"/>, whose public key is the sending account.</summary>
    public SignedExtrinsic Build(RuntimeCall call, TransactionParameters parameters, Sr25519KeyPair signer)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(signer);
        var extensions = Extensions(parameters);
        var payload = new ScaleWriter(call.Encoded.Length + extensions.Extra.Length + extensions.Implicit.Length)
            .WriteBytes(call.Encoded)
            .WriteBytes(extensions.Extra)
            .WriteBytes(extensions.Implicit)
            .ToArray();
        var signature = signer.Sign(SignedExtrinsic.MessageToSign(payload));
        var extrinsic = Assemble(signer.PublicKey.Span, signature, extensions.Extra, call.Encoded);
        return new SignedExtrinsic(extrinsic, SubstrateHash.Blake2b256(extrinsic), payload, signature);
    }

    private static byte[] Assemble(ReadOnlySpan<byte> account, byte[] signature, byte[] extra, byte[] call)
    {
        var body = new ScaleWriter(3 + account.Length + signature.Length + extra.Length + call.Length)
            .WriteU8(SignedVersion4)
            .WriteU8(MultiAddressId)
            .WriteBytes(account)
            .WriteU8(MultiSignatureSr25519)
            .WriteBytes(signature)
            .WriteBytes(extra)
            .WriteBytes(call);
        return new ScaleWriter(body.Length + 4).WriteByteVec(body.WrittenSpan).ToArray();
    }
}
