namespace Loosh.Evaluation.Tests.Consensus;

/// <summary>
/// Unit vectors with a prescribed cosine matrix, for test vectors given as similarities (evaluation.md §13): the
/// rows of the Cholesky factor L of the Gram matrix G = L·Lᵀ have exactly G's dot products, and G's unit diagonal
/// makes them unit vectors. Rounding the rows to float moves the cosines by about 1e-7.
/// </summary>
internal static class Gram
{
    /// <summary>The n × n matrix with 1 on the diagonal and <paramref name="cosine"/>(i, j) elsewhere (i &lt; j).</summary>
    public static double[,] Matrix(int n, Func<int, int, double> cosine)
    {
        var gram = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            gram[i, i] = 1.0;
            for (var j = i + 1; j < n; j++)
            {
                gram[i, j] = gram[j, i] = cosine(i, j);
            }
        }
        return gram;
    }

    /// <summary>Two groups, cosine <paramref name="within"/> inside each and <paramref name="between"/> across.</summary>
    public static double[,] Blocks(int first, int second, double within, double between) =>
        Matrix(first + second, (i, j) => (i < first) == (j < first) ? within : between);

    /// <summary>The rows of the lower-triangular L with L·Lᵀ = <paramref name="gram"/> (Cholesky–Banachiewicz).</summary>
    /// <exception cref="ArgumentException">The matrix is not positive definite.</exception>
    public static float[][] Embeddings(double[,] gram)
    {
        var n = gram.GetLength(0);
        var lower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = gram[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[i, k] * lower[j, k];
                }
                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        throw new ArgumentException("The Gram matrix is not positive definite.", nameof(gram));
                    }
                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }

        var rows = new float[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = new float[n];
            for (var j = 0; j <= i; j++)
            {
                rows[i][j] = (float)lower[i, j];
            }
        }
        return rows;
    }
}
