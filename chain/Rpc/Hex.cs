namespace Loosh.Chain.Rpc;

/// <summary>Substrate's JSON form of bytes: "0x" followed by lowercase hex.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <exception cref="FormatException">Not "0x"-prefixed hex of whole bytes.</exception>
    public static byte[] Decode(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.AsSpan(2) : hex.AsSpan();
        if (digits.Length % 2 != 0)
        {
            throw new FormatException($"Hex text has an odd number of digits ({digits.Length}).");
        }
        return Convert.FromHexString(digits);
    }
}
