using System.Security.Cryptography;
using Loosh.Chain.Native;

namespace Loosh.Chain.Crypto;

/// <summary>
/// The ristretto255 group and its scalars (mod ℓ) through libsodium, with the length checks the native calls cannot
/// make. The identity is a valid element here (encoded as 32 zero bytes), as it is in schnorrkel, so a product that
/// libsodium reports as the identity is returned as such instead of failing.
/// </summary>
internal static class Ristretto255
{
    public const int PointBytes = 32;
    public const int ScalarBytes = 32;
    public const int WideScalarBytes = 64;

    // ℓ = 2^252 + 27742317777372353535851937790883648493, little-endian.
    private static ReadOnlySpan<byte> GroupOrder =>
    [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ];

    /// <summary>Whether <paramref name="point"/> is the canonical encoding of a group element.</summary>
    public static bool IsValidPoint(ReadOnlySpan<byte> point) =>
        point.Length == PointBytes && Libsodium.Ristretto255IsValidPoint(point) == 1;

    /// <summary>Whether the little-endian <paramref name="scalar"/> is fully reduced, that is strictly below ℓ.</summary>
    public static bool IsCanonicalScalar(ReadOnlySpan<byte> scalar)
    {
        RequireLength(scalar, ScalarBytes, nameof(scalar));
        for (var i = ScalarBytes - 1; i >= 0; i--)
        {
            if (scalar[i] != GroupOrder[i])
            {
                return scalar[i] < GroupOrder[i];
            }
        }
        return false;
    }

    /// <summary><paramref name="result"/> = <paramref name="scalar"/> × the base point.</summary>
    public static void MultiplyBase(ReadOnlySpan<byte> scalar, Span<byte> result)
    {
        RequireLength(scalar, ScalarBytes, nameof(scalar));
        RequireLength(result, PointBytes, nameof(result));
        if (Libsodium.Ristretto255ScalarMultBase(result, scalar) != 0)
        {
            result.Clear();
        }
    }

    /// <summary><paramref name="result"/> = <paramref name="scalar"/> × <paramref name="point"/>, a valid encoding.</summary>
    public static void Multiply(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> point, Span<byte> result)
    {
        RequireLength(scalar, ScalarBytes, nameof(scalar));
        RequireLength(result, PointBytes, nameof(result));
        if (!IsValidPoint(point))
        {
            throw new ArgumentException("Not a valid ristretto255 point encoding.", nameof(point));
        }
        if (Libsodium.Ristretto255ScalarMult(result, scalar, point) != 0)
        {
            result.Clear();
        }
    }

    /// <summary><paramref name="result"/> = <paramref name="p"/> − <paramref name="q"/>.</summary>
    public static void Subtract(ReadOnlySpan<byte> p, ReadOnlySpan<byte> q, Span<byte> result)
    {
        RequireLength(p, PointBytes, nameof(p));
        RequireLength(q, PointBytes, nameof(q));
        RequireLength(result, PointBytes, nameof(result));
        if (Libsodium.Ristretto255Sub(result, p, q) != 0)
        {
            throw new ArgumentException("Not a valid ristretto255 point encoding.");
        }
    }

    /// <summary>Reduces a 64-byte little-endian number modulo ℓ (how schnorrkel turns transcript output into scalars).</summary>
    public static void ReduceWide(ReadOnlySpan<byte> wide, Span<byte> result)
    {
        RequireLength(wide, WideScalarBytes, nameof(wide));
        RequireLength(result, ScalarBytes, nameof(result));
        Libsodium.Ristretto255ScalarReduce(result, wide);
    }

    /// <summary><paramref name="result"/> = <paramref name="a"/> × <paramref name="b"/> + <paramref name="c"/> mod ℓ.</summary>
    public static void MultiplyAdd(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> result)
    {
        RequireLength(a, ScalarBytes, nameof(a));
        RequireLength(b, ScalarBytes, nameof(b));
        RequireLength(c, ScalarBytes, nameof(c));
        RequireLength(result, ScalarBytes, nameof(result));
        Span<byte> product = stackalloc byte[ScalarBytes];
        Libsodium.Ristretto255ScalarMul(product, a, b);
        Libsodium.Ristretto255ScalarAdd(result, product, c);
        CryptographicOperations.ZeroMemory(product);
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"Expected {length} bytes, got {value.Length}.", name);
        }
    }
}
