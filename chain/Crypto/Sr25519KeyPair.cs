using System.Security.Cryptography;

namespace Loosh.Chain.Crypto;

/// <summary>
/// An sr25519 secret key (scalar and signing nonce) with its public key, for signing extrinsics. The secret lives in a
/// pinned array (so the GC leaves no copies) that <see cref="Dispose"/> zeroes. Signing is thread-safe.
/// </summary>
public sealed class Sr25519KeyPair : IDisposable
{
    private const int ScalarBytes = Ristretto255.ScalarBytes;

    // scalar (below ℓ, the schnorrkel form) ‖ nonce
    private readonly byte[] _secret;
    private readonly byte[] _publicKey = new byte[Sr25519.PublicKeyLength];
    private volatile bool _disposed;

    private Sr25519KeyPair(byte[] secret)
    {
        _secret = secret;
        Ristretto255.MultiplyBase(Scalar, _publicKey);
    }

    /// <summary>The 32-byte compressed ristretto255 public key (the AccountId).</summary>
    public ReadOnlyMemory<byte> PublicKey => _publicKey;

    private ReadOnlySpan<byte> Scalar => _secret.AsSpan(0, ScalarBytes);

    private ReadOnlySpan<byte> Nonce => _secret.AsSpan(ScalarBytes);

    /// <summary>
    /// The key Substrate derives from a 32-byte mini secret (a wallet's <c>secretSeed</c>, or a mnemonic's), in
    /// schnorrkel's Ed25519 expansion mode: SHA-512 of the seed, the first half clamped as Ed25519 does and divided by
    /// the cofactor is the scalar, the second half is the nonce.
    /// </summary>
    public static Sr25519KeyPair FromMiniSecret(ReadOnlySpan<byte> miniSecret)
    {
        RequireLength(miniSecret, Sr25519.MiniSecretLength, nameof(miniSecret));
        var secret = NewSecret();
        SHA512.HashData(miniSecret, secret);
        secret[0] &= 0b1111_1000;
        secret[31] &= 0b0011_1111;
        secret[31] |= 0b0100_0000;
        DivideByCofactor(secret.AsSpan(0, ScalarBytes));
        return new Sr25519KeyPair(secret);
    }

    /// <summary>The key of a BIP-39 mnemonic, derived the Substrate way (<see cref="Mnemonic.ToMiniSecret"/>).</summary>
    public static Sr25519KeyPair FromMnemonic(string phrase, string password = "")
    {
        var miniSecret = Mnemonic.ToMiniSecret(phrase, password);
        try
        {
            return FromMiniSecret(miniSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(miniSecret);
        }
    }

    /// <summary>
    /// A key from a 64-byte secret key (scalar ‖ nonce) in the given <paramref name="form"/>. Throws
    /// <see cref="ArgumentException"/> when the length is wrong or the scalar is not below ℓ.
    /// </summary>
    public static Sr25519KeyPair FromSecretKey(ReadOnlySpan<byte> secretKey, Sr25519SecretKeyForm form) =>
        TryFromSecretKey(secretKey, form)
        ?? throw new ArgumentException($"The scalar of this {form} secret key is not below the group order ℓ.", nameof(secretKey));

    /// <summary>
    /// A key from a 64-byte secret key whose form is unknown (a wallet's <c>privateKey</c>): the form whose public key
    /// equals <paramref name="expectedPublicKey"/>. Throws <see cref="CryptographicException"/> when neither does.
    /// </summary>
    public static Sr25519KeyPair FromSecretKeyMatching(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> expectedPublicKey)
    {
        foreach (var form in Enum.GetValues<Sr25519SecretKeyForm>())
        {
            var pair = TryFromSecretKey(secretKey, form);
            if (pair is not null && expectedPublicKey.SequenceEqual(pair._publicKey))
            {
                return pair;
            }
            pair?.Dispose();
        }
        throw new CryptographicException("The secret key gives the expected public key in neither the schnorrkel nor the ed25519-style form.");
    }

    /// <summary>The 64-byte secret key (scalar ‖ nonce) in the given <paramref name="form"/>; the caller zeroes it.</summary>
    public byte[] ExportSecretKey(Sr25519SecretKeyForm form)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var secretKey = _secret.AsSpan().ToArray();
        if (form == Sr25519SecretKeyForm.Ed25519Style)
        {
            MultiplyByCofactor(secretKey.AsSpan(0, ScalarBytes));
        }
        return secretKey;
    }

    /// <summary>The 64-byte schnorrkel signature (marker bit set) of <paramref name="message"/> in the Substrate context.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        try
        {
            return Sign(message, random);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(random);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_secret);
    }

    /// <summary>Signs with the transcript RNG's 32 random bytes given, so tests can compare with other implementations.</summary>
    internal byte[] Sign(ReadOnlySpan<byte> message, ReadOnlySpan<byte> random)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var signature = new byte[Sr25519.SignatureLength];
        var commitment = signature.AsSpan(0, Ristretto255.PointBytes);
        var s = signature.AsSpan(Ristretto255.PointBytes);
        Span<byte> wide = stackalloc byte[Ristretto255.WideScalarBytes];
        Span<byte> r = stackalloc byte[ScalarBytes];
        Span<byte> challenge = stackalloc byte[ScalarBytes];
        using var transcript = Sr25519.SigningTranscript(message, _publicKey);
        try
        {
            // The nonce r comes from the transcript so far, the secret nonce seed and fresh randomness.
            using (var rng = transcript.ForkRng("signing"u8, Nonce, random))
            {
                rng.FillBytes(wide);
            }
            Ristretto255.ReduceWide(wide, r);
            Ristretto255.MultiplyBase(r, commitment);
            transcript.AppendMessage("sign:R"u8, commitment);
            Sr25519.ChallengeScalar(transcript, challenge);
            Ristretto255.MultiplyAdd(challenge, Scalar, r, s);
            Sr25519.SetMarker(signature);
            return signature;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wide);
            CryptographicOperations.ZeroMemory(r);
        }
    }

    private static Sr25519KeyPair? TryFromSecretKey(ReadOnlySpan<byte> secretKey, Sr25519SecretKeyForm form)
    {
        RequireLength(secretKey, Sr25519.SecretKeyLength, nameof(secretKey));
        var secret = NewSecret();
        secretKey.CopyTo(secret);
        var scalar = secret.AsSpan(0, ScalarBytes);
        if (form == Sr25519SecretKeyForm.Ed25519Style)
        {
            DivideByCofactor(scalar);
        }
        if (!Ristretto255.IsCanonicalScalar(scalar))
        {
            CryptographicOperations.ZeroMemory(secret);
            return null;
        }
        return new Sr25519KeyPair(secret);
    }

    private static byte[] NewSecret() => GC.AllocateArray<byte>(Sr25519.SecretKeyLength, pinned: true);

    /// <summary>Shifts a 32-byte little-endian number right by 3 bits.</summary>
    private static void DivideByCofactor(Span<byte> scalar)
    {
        for (var i = 0; i < scalar.Length; i++)
        {
            var high = i + 1 < scalar.Length ? scalar[i + 1] : 0;
            scalar[i] = (byte)((scalar[i] >> 3) | (high << 5));
        }
    }

    /// <summary>Shifts a 32-byte little-endian number left by 3 bits (a scalar below ℓ never overflows).</summary>
    private static void MultiplyByCofactor(Span<byte> scalar)
    {
        for (var i = scalar.Length - 1; i >= 0; i--)
        {
            var low = i > 0 ? scalar[i - 1] : 0;
            scalar[i] = (byte)((scalar[i] << 3) | (low >> 5));
        }
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"Expected {length} bytes, got {value.Length}.", name);
        }
    }
}
