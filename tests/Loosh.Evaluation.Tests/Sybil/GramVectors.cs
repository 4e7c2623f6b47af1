namespace Loosh.Evaluation.Tests.Sybil;

/// <summary>
/// Vectors with chosen cosines: the rows of the Cholesky factor L of a Gram matrix G (G = L·Lᵀ), so row i · row j =
/// G[i, j]; with a unit diagonal every row has unit length and the dot products are the cosines.
/// </summary>
internal static class GramVectors
{
    public static float[][] Rows(double[,] gram)
    {
        var n = gram.GetLength(0);
        var factor = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = gram[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= factor[i, k] * factor[j, k];
                }
                if (i == j)
                {
                    Assert.True(sum > 0, "The Gram matrix must be positive definite.");
                    factor[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    factor[i, j] = sum / factor[j, j];
                }
            }
        }
        return [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => (float)factor[i, j]).ToArray())];
    }

    /// <summary><paramref name="row"/> placed at <paramref name="offset"/> in a zero vector of <paramref name="dimensions"/>.</summary>
    public static float[] Padded(float[] row, int offset, int dimensions)
    {
        var padded = new float[dimensions];
        row.CopyTo(padded, offset);
        return padded;
    }
}
