namespace Loosh.Chain.Weights;

/// <summary>
/// numpy 2.5's <c>np.quantile(a, q)</c> with the default "linear" method for a float32 array and a Python float
/// <c>q</c>: the virtual index <c>(n − 1)·q</c> and its fraction are float64, the interpolation between the two
/// neighbouring sorted values is float32 (numpy's <c>_lerp</c>, which interpolates from the upper end when the fraction
/// is at least one half). Weight processing compares every weight against this value, so its last bit matters.
/// </summary>
internal static class NumpyQuantile
{
    public static float Linear(ReadOnlySpan<float> values, double q)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var virtualIndex = (sorted.Length - 1) * q;
        if (virtualIndex >= sorted.Length - 1)
        {
            return sorted[^1];
        }
        var previous = (int)Math.Floor(virtualIndex);
        var gamma = virtualIndex - previous;
        var below = sorted[previous];
        var above = sorted[previous + 1];
        var difference = above - below;
        return gamma >= 0.5
            ? above - (difference * (float)(1 - gamma))
            : below + (difference * (float)gamma);
    }
}
