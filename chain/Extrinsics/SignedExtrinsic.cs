using Loosh.Chain.Hashing;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// A signed v4 extrinsic ready for <c>author_submitExtrinsic</c>, with what went into it: the signing
/// <see cref="Payload"/> (call ‖ extras ‖ implicits) and the <see cref="Signature"/>, so tests and logs can check the
/// signature, and the <see cref="Hash"/> under which the node and block explorers know the transaction.
/// </summary>
public sealed record SignedExtrinsic(byte[] Bytes, byte[] Hash, byte[] Payload, byte[] Signature)
{
    /// <summary>Payloads longer than this are signed as their BLAKE2b-256 hash.</summary>
    public const int MaxUnhashedPayload = 256;

    /// <summary>What the signature is over: the payload itself, or its BLAKE2b-256 hash when it is longer than 256 bytes.</summary>
    public static byte[] MessageToSign(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.Length > MaxUnhashedPayload ? SubstrateHash.Blake2b256(payload) : payload;
    }
}
