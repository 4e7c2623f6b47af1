namespace Loosh.Chain.Crypto;

/// <summary>
/// Base58 with the Bitcoin alphabet (no 0, O, I, l), as SS58 uses it. Each leading zero byte is one leading '1'.
/// Quadratic in the length, which is fine for addresses.
/// </summary>
internal static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = data.IndexOfAnyExcept((byte)0);
        if (zeros < 0)
        {
            zeros = data.Length;
        }
        // Big-endian base-58 digits of the number, built by repeated multiply-and-add.
        var digits = new List<byte>(data.Length * 138 / 100 + 1);
        foreach (var value in data[zeros..])
        {
            var carry = (int)value;
            for (var i = 0; i < digits.Count; i++)
            {
                carry += digits[i] << 8;
                digits[i] = (byte)(carry % 58);
                carry /= 58;
            }
            for (; carry > 0; carry /= 58)
            {
                digits.Add((byte)(carry % 58));
            }
        }
        var text = new char[zeros + digits.Count];
        text.AsSpan(0, zeros).Fill(Alphabet[0]);
        for (var i = 0; i < digits.Count; i++)
        {
            text[zeros + i] = Alphabet[digits[digits.Count - 1 - i]];
        }
        return new string(text);
    }

    /// <summary>Decodes <paramref name="text"/>; a <see cref="FormatException"/> names the first invalid character.</summary>
    public static byte[] Decode(string text)
    {
        var zeros = text.AsSpan().IndexOfAnyExcept(Alphabet[0]);
        if (zeros < 0)
        {
            zeros = text.Length;
        }
        // Little-endian base-256 bytes of the number.
        var bytes = new List<byte>(text.Length * 733 / 1000 + 1);
        for (var position = zeros; position < text.Length; position++)
        {
            var carry = Alphabet.IndexOf(text[position], StringComparison.Ordinal);
            if (carry < 0)
            {
                throw new FormatException($"'{text[position]}' at position {position} is not a base58 character.");
            }
            for (var i = 0; i < bytes.Count; i++)
            {
                carry += bytes[i] * 58;
                bytes[i] = (byte)carry;
                carry >>= 8;
            }
            for (; carry > 0; carry >>= 8)
            {
                bytes.Add((byte)carry);
            }
        }
        var result = new byte[zeros + bytes.Count];
        for (var i = 0; i < bytes.Count; i++)
        {
            result[^(i + 1)] = bytes[i];
        }
        return result;
    }
}
