using System.Security.Cryptography;

namespace Loosh.Chain.Crypto;

/// <summary>
/// Sr25519 (schnorrkel Schnorr signatures over ristretto255) as Substrate uses it: signatures bind the "substrate"
/// signing context and carry schnorrkel's marker bit (the top bit of the last byte). Signing is on
/// <see cref="Sr25519KeyPair"/>; verification needs only the public key.
/// </summary>
public static class Sr25519
{
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;
    public const int MiniSecretLength = 32;
    public const int SecretKeyLength = 64;

    private const byte MarkerBit = 0x80;

    /// <summary>
    /// Whether <paramref name="signature"/> is a valid schnorrkel signature of <paramref name="message"/> by
    /// <paramref name="publicKey"/> in the Substrate context. False, never an exception, for anything invalid: wrong
    /// lengths, a missing marker bit, a non-canonical s (≥ ℓ), a public key that is not a ristretto255 encoding.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength
            || (signature[^1] & MarkerBit) == 0 || !Ristretto255.IsValidPoint(publicKey))
        {
            return false;
        }
        var commitment = signature[..Ristretto255.PointBytes];
        Span<byte> s = stackalloc byte[Ristretto255.ScalarBytes];
        signature[Ristretto255.PointBytes..].CopyTo(s);
        s[^1] &= unchecked((byte)~MarkerBit);
        if (!Ristretto255.IsCanonicalScalar(s))
        {
            return false;
        }

        using var transcript = SigningTranscript(message, publicKey);
        transcript.AppendMessage("sign:R"u8, commitment);
        Span<byte> challenge = stackalloc byte[Ristretto255.ScalarBytes];
        ChallengeScalar(transcript, challenge);

        // R' = s·B − k·A must equal the committed R.
        Span<byte> sB = stackalloc byte[Ristretto255.PointBytes];
        Span<byte> kA = stackalloc byte[Ristretto255.PointBytes];
        Span<byte> expected = stackalloc byte[Ristretto255.PointBytes];
        Ristretto255.MultiplyBase(s, sB);
        Ristretto255.Multiply(challenge, publicKey, kA);
        Ristretto255.Subtract(sB, kA, expected);
        return CryptographicOperations.FixedTimeEquals(expected, commitment);
    }

    /// <summary>
    /// The transcript both sides rebuild: context "substrate", the message under "sign-bytes", protocol name
    /// "Schnorr-sig" and the signer's public key under "sign:pk".
    /// </summary>
    internal static MerlinTranscript SigningTranscript(ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey)
    {
        var transcript = new MerlinTranscript("SigningContext"u8);
        transcript.AppendMessage([], "substrate"u8);
        transcript.AppendMessage("sign-bytes"u8, message);
        transcript.AppendMessage("proto-name"u8, "Schnorr-sig"u8);
        transcript.AppendMessage("sign:pk"u8, publicKey);
        return transcript;
    }

    /// <summary>The challenge k: 64 transcript bytes under "sign:c", reduced mod ℓ.</summary>
    internal static void ChallengeScalar(MerlinTranscript transcript, Span<byte> challenge)
    {
        Span<byte> wide = stackalloc byte[Ristretto255.WideScalarBytes];
        transcript.ChallengeBytes("sign:c"u8, wide);
        Ristretto255.ReduceWide(wide, challenge);
    }

    internal static void SetMarker(Span<byte> signature) => signature[^1] |= MarkerBit;
}
