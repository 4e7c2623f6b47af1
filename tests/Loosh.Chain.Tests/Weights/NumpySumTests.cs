using Loosh.Chain.Weights;

namespace Loosh.Chain.Tests.Weights;

/// <summary>NumpySum against numpy's float32 <c>sum()</c> (pairwise), which differs from a running sum.</summary>
public sealed class NumpySumTests
{
    [Fact]
    public void Two_hundred_tenths_sum_like_numpy_not_like_a_running_sum()
    {
        var values = Enumerable.Repeat(0.1f, 200).ToArray();
        var running = 0f;
        foreach (var value in values)
        {
            running += value;
        }

        Assert.Equal(20.000003814697266, NumpySum.Pairwise<float>(values));
        Assert.Equal(20.00004005432129, running);
    }

    [Fact]
    public void Short_and_block_sized_arrays_match_numpy()
    {
        var values = Enumerable.Range(0, 300).Select(i => (float)(i * 37 % 101 / 100.0)).ToArray();

        Assert.Equal(4.53000020980835, NumpySum.Pairwise<float>(values.AsSpan(0, 10)));
        Assert.Equal(49.8599967956543, NumpySum.Pairwise<float>(values.AsSpan(0, 100)));
        Assert.Equal(149.67999267578125, NumpySum.Pairwise<float>(values));
    }
}
