using System.Runtime.InteropServices;

namespace Loosh.Chain.Native;

// libsodium's ristretto255 group and scalar functions (the native library ships with Geralt). Points and scalars are
// 32-byte encodings; wide scalars to reduce are 64 bytes. Loosh.Chain.Crypto.Ristretto255 checks lengths and interprets
// the return codes. Other partial files of this class bind other libsodium functions (a plain comment here, so the
// class's XML documentation stays with one part).
internal static partial class Libsodium
{
    /// <summary>1 when <paramref name="point"/> is the canonical encoding of a ristretto255 element (the identity included).</summary>
    [LibraryImport("libsodium", EntryPoint = "crypto_core_ristretto255_is_valid_point")]
    internal static partial int Ristretto255IsValidPoint(ReadOnlySpan<byte> point);

    /// <summary>0 on success; −1 when an input is not a valid encoding.</summary>
    [LibraryImport("libsodium", EntryPoint = "crypto_core_ristretto255_sub")]
    internal static partial int Ristretto255Sub(Span<byte> result, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

    /// <summary>0 on success; −1 when <paramref name="point"/> is invalid or the product is the identity.</summary>
    [LibraryImport("libsodium", EntryPoint = "crypto_scalarmult_ristretto255")]
    internal static partial int Ristretto255ScalarMult(Span<byte> result, ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> point);

    /// <summary>0 on success; −1 when the product is the identity.</summary>
    [LibraryImport("libsodium", EntryPoint = "crypto_scalarmult_ristretto255_base")]
    internal static partial int Ristretto255ScalarMultBase(Span<byte> result, ReadOnlySpan<byte> scalar);

    /// <summary>Reduces a 64-byte little-endian number modulo the group order ℓ.</summary>
    [LibraryImport("libsodium", EntryPoint = "crypto_core_ristretto255_scalar_reduce")]
    internal static partial void Ristretto255ScalarReduce(Span<byte> result, ReadOnlySpan<byte> wide);

    [LibraryImport("libsodium", EntryPoint = "crypto_core_ristretto255_scalar_mul")]
    internal static partial void Ristretto255ScalarMul(Span<byte> result, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    [LibraryImport("libsodium", EntryPoint = "crypto_core_ristretto255_scalar_add")]
    internal static partial void Ristretto255ScalarAdd(Span<byte> result, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);
}
