namespace Loosh.Protocols.Tests;

/// <summary>PythonFloat.Format: the text Python's repr(float) prints, which signed nonces and timestamps must match.</summary>
public sealed class PythonFloatTests
{
    [Theory]
    [InlineData(1742512345.0, "1742512345.0")]
    [InlineData(1742512345.123456, "1742512345.123456")]
    [InlineData(1742512345.1, "1742512345.1")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.5, "1.5")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.000012345, "1.2345e-05")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(1e300, "1e+300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void Formats_as_Python_repr(double value, string expected) => Assert.Equal(expected, PythonFloat.Format(value));
}
