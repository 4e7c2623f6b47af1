using System.Globalization;
using System.Text;

namespace Loosh.Protocols;

/// <summary>
/// Formats a double exactly as Python's <c>repr(float)</c> / <c>str(float)</c> does. The reference signs timestamps
/// as that text (<c>str(time.time())</c>), and a peer recomputing the signed string must see the same characters:
/// .NET prints <c>1742512345</c> where Python prints <c>1742512345.0</c>, and the two switch to exponent notation at
/// different magnitudes.
/// </summary>
public static class PythonFloat
{
    // Python uses fixed notation while the decimal exponent of the first digit is in [-4, 16).
    private const int MinFixedExponent = -4;
    private const int MaxFixedExponent = 15;

    /// <summary>The shortest text that round-trips to <paramref name="value"/>, in Python's spelling.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }
        var exponent = pointPosition - 1;
        return sign + (exponent is >= MinFixedExponent and <= MaxFixedExponent
            ? Fixed(digits, pointPosition)
            : Scientific(digits, exponent));
    }

    /// <summary>
    /// The significant digits of the shortest round-trip text (no leading or trailing zeros) and how many of them
    /// stand before the decimal point (negative or beyond the digits when zeros must be added).
    /// </summary>
    private static (string Digits, int PointPosition) ShortestDigits(double magnitude)
    {
        var text = magnitude.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = pointAt < 0 ? mantissa : mantissa[..pointAt];
        var digits = pointAt < 0 ? mantissa : integerPart + mantissa[(pointAt + 1)..];
        var pointPosition = integerPart.Length + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        return (digits.Trim('0'), pointPosition - leadingZeros);
    }

    private static string Fixed(string digits, int pointPosition)
    {
        if (pointPosition <= 0)
        {
            return "0." + new string('0', -pointPosition) + digits;
        }
        if (pointPosition >= digits.Length)
        {
            return digits + new string('0', pointPosition - digits.Length) + ".0";
        }
        return digits[..pointPosition] + "." + digits[pointPosition..];
    }

    private static string Scientific(string digits, int exponent)
    {
        var text = new StringBuilder().Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }
        return text.Append('e').Append(exponent < 0 ? '-' : '+')
            .Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)).ToString();
    }
}
