using System.Globalization;
using System.Text;

namespace Loosh.Protocols.Fiber;

/// <summary>
/// Python's <c>repr(float)</c>. Fiber handshakes sign the text of a float timestamp as Python prints it, so a signature
/// only verifies if we print the same digits: shortest round trip, fixed notation with at least one decimal when the
/// decimal exponent is from -4 to 16, otherwise d.ddde±XX with at least two exponent digits.
/// </summary>
public static class PythonFloat
{
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
        var sign = double.IsNegative(value) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }

        var (digits, point) = ShortestDigits(Math.Abs(value));
        var text = new StringBuilder(sign);
        if (point > -4 && point <= 16)
        {
            if (point <= 0)
            {
                text.Append("0.").Append('0', -point).Append(digits);
            }
            else if (point >= digits.Length)
            {
                text.Append(digits).Append('0', point - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
            }
            return text.ToString();
        }
        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }
        var exponent = point - 1;
        return text.Append(exponent < 0 ? "e-" : "e+").Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>The shortest round-trip significant digits (no leading or trailing zeros) and the decimal point's position.</summary>
    private static (string Digits, int Point) ShortestDigits(double positive)
    {
        var roundTrip = positive.ToString("R", CultureInfo.InvariantCulture);
        var split = roundTrip.IndexOf('E', StringComparison.Ordinal);
        var mantissa = split < 0 ? roundTrip : roundTrip[..split];
        var exponent = split < 0 ? 0 : int.Parse(roundTrip[(split + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerLength = dot < 0 ? mantissa.Length : dot;
        var allDigits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        return (allDigits.Trim('0'), integerLength + exponent - leadingZeros);
    }
}
