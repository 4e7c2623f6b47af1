using System.Numerics;

namespace Loosh.Chain.Weights;

/// <summary>
/// The SDK's <c>normalize_max_weight(x, limit)</c>: scale to sum 1 while no value exceeds <c>limit</c>, by clipping the
/// largest values at a cutoff found from the sorted cumulative sum. Generic over the element type because the SDK runs
/// it on float32 arrays in one case and on float64 arrays in another, and the roundings differ. Python floats that meet
/// a numpy float32 value (<c>limit</c>, the 1e-7 epsilon) are narrowed to float32 first (numpy 2's weak promotion);
/// expressions made only of Python numbers stay in double, as in Python. The cutoff is float64 in both cases: its
/// denominator involves a numpy int64 (the count from <c>.sum()</c> of a bool array), which makes it a numpy float64.
/// </summary>
internal static class MaxWeightNormalization
{
    private const double Epsilon = 1e-7;

    public static T[] Normalize<T>(ReadOnlySpan<T> x, double limit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var count = x.Length;
        if (NumpySum.Pairwise(x) == T.Zero || count * limit <= 1)
        {
            return Uniform<T>(count);
        }
        var values = x.ToArray();
        Array.Sort(values);
        var valuesSum = NumpySum.Pairwise<T>(values);
        var estimation = Divide(values, valuesSum);
        var narrowLimit = T.CreateTruncating(limit);
        if (Max<T>(estimation) <= narrowLimit)
        {
            return Divide(x, NumpySum.Pairwise(x));
        }
        var cumulative = CumulativeSum<T>(estimation);
        var belowLimit = CountBelowLimit<T>(estimation, cumulative, narrowLimit);
        var denominator = 1 - (limit * (count - belowLimit));
        var numerator = (narrowLimit * cumulative[PythonIndex(belowLimit - 1, count)]) - T.CreateTruncating(Epsilon);
        var cutoff = double.CreateTruncating(numerator) / denominator * double.CreateTruncating(valuesSum);
        var clipped = Clip(x, cutoff);
        return Divide<T>(clipped, NumpySum.Pairwise<T>(clipped));
    }

    /// <summary><c>weights[weights &gt; cutoff] = cutoff</c> with a float64 cutoff: compared in float64, stored narrowed.</summary>
    private static T[] Clip<T>(ReadOnlySpan<T> x, double cutoff)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var clipped = x.ToArray();
        for (var i = 0; i < clipped.Length; i++)
        {
            if (double.CreateTruncating(clipped[i]) > cutoff)
            {
                clipped[i] = T.CreateTruncating(cutoff);
            }
        }
        return clipped;
    }

    /// <summary><c>(estimation / (estimation_sum + cumsum + epsilon) &lt; limit).sum()</c>.</summary>
    private static int CountBelowLimit<T>(ReadOnlySpan<T> estimation, ReadOnlySpan<T> cumulative, T limit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var epsilon = T.CreateTruncating(Epsilon);
        var below = 0;
        for (var i = 0; i < estimation.Length; i++)
        {
            var rest = T.CreateTruncating(estimation.Length - i - 1) * estimation[i];
            if (estimation[i] / (rest + cumulative[i] + epsilon) < limit)
            {
                below++;
            }
        }
        return below;
    }

    /// <summary>Python indexing: −1 is the last element.</summary>
    private static int PythonIndex(int index, int length) => index < 0 ? length + index : index;

    private static T[] Uniform<T>(int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var share = T.One / T.CreateTruncating(count);
        return Enumerable.Repeat(share, count).ToArray();
    }

    private static T[] Divide<T>(ReadOnlySpan<T> values, T divisor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i] / divisor;
        }
        return result;
    }

    private static T Max<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var max = values[0];
        foreach (var value in values[1..])
        {
            if (value > max)
            {
                max = value;
            }
        }
        return max;
    }

    /// <summary><c>np.cumsum</c>: a plain running sum in the element type (no pairwise summation).</summary>
    private static T[] CumulativeSum<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        var sum = T.Zero;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i];
            result[i] = sum;
        }
        return result;
    }
}
