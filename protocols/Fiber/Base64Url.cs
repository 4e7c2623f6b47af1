namespace Loosh.Protocols.Fiber;

/// <summary>
/// URL-safe base64 WITH padding, as Python's <c>base64.urlsafe_b64encode</c> writes Fernet keys and tokens
/// (System.Buffers.Text.Base64Url drops the padding, which Python's decoder then rejects).
/// </summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    /// <summary>The bytes, or null for text that is not padded URL-safe base64.</summary>
    public static byte[]? TryDecode(string text)
    {
        if (text.Length % 4 != 0 || text.AsSpan().IndexOfAny('+', '/') >= 0)
        {
            return null;
        }
        var standard = text.Replace('-', '+').Replace('_', '/');
        var buffer = new byte[standard.Length / 4 * 3];
        return Convert.TryFromBase64String(standard, buffer, out var written) ? buffer[..written] : null;
    }
}
