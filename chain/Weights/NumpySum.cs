using System.Numerics;

namespace Loosh.Chain.Weights;

/// <summary>
/// numpy's <c>ndarray.sum()</c> for a contiguous float array: pairwise summation with eight accumulators in blocks of
/// up to 128 values (numpy <c>loops_utils.h.src</c>). Its result differs from a left-to-right sum in the last bits, and
/// those bits decide roundings later on, so the SDK's weight processing can only be reproduced with the same order.
/// Arrays of up to 8,192 values (numpy's reduction buffer; a subnet has far fewer) are summed in one piece, as here.
/// </summary>
internal static class NumpySum
{
    private const int Unroll = 8;
    private const int BlockSize = 128;

    public static T Pairwise<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (values.Length < Unroll)
        {
            var sum = T.NegativeZero;
            foreach (var value in values)
            {
                sum += value;
            }
            return sum;
        }
        if (values.Length <= BlockSize)
        {
            return Block(values);
        }
        var half = values.Length / 2;
        half -= half % Unroll;
        return Pairwise(values[..half]) + Pairwise(values[half..]);
    }

    private static T Block<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> lanes = stackalloc T[Unroll];
        values[..Unroll].CopyTo(lanes);
        var i = Unroll;
        for (; i < values.Length - (values.Length % Unroll); i += Unroll)
        {
            for (var lane = 0; lane < Unroll; lane++)
            {
                lanes[lane] += values[i + lane];
            }
        }
        var sum = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }
        return sum;
    }
}
