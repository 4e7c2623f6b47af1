
namespace Loosh.Protocols.Tests.Fiber;

/// <summary>PythonFloat against the outputs of CPython's repr(float) for the same doubles.</summary>
public sealed class PythonFloatTests
{
    [Theory]
    [InlineData(1742512345.0, "1742512345.0")]
    [InlineData(1742512345.123456, "1742512345.123456")]
    [InlineData(1742512345.12, "1742512345.12")]
    [InlineData(1742512345.1234567, "1742512345.1234567")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.3, "0.3")]
    [InlineData(2.0 / 3, "0.6666666666666666")]
    [InlineData(100.0, "100.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(1e22, "1e+22")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void Matches_python_repr(double value, string python)
    {
        Assert.Equal(python, PythonFloat.Format(value));
    }

    [Fact]
    public void The_text_parses_back_to_the_same_double()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var value = 1_700_000_000 + random.NextDouble() * 100_000_000;
            Assert.Equal(value, double.Parse(PythonFloat.Format(value), System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
