namespace Loosh.Evaluation.Vectors;

/// <summary>
/// Vector arithmetic for embeddings. Sums are accumulated in double in index order, so results are the same on
/// every machine (no SIMD reassociation) and a validator's scores can be reproduced by another.
/// </summary>
public static class VectorMath
{
    /// <summary>Dot product; the cosine similarity of two unit vectors.</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors differ in length ({a.Length} and {b.Length}).", nameof(b));
        }
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }
        return sum;
    }

    /// <summary>Cosine similarity of two vectors of any length; 0 when either is all zeros.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = Norm(a) * Norm(b);
        return norms == 0 ? 0 : Dot(a, b) / norms;
    }

    /// <summary>Euclidean length.</summary>
    public static double Norm(ReadOnlySpan<float> a) => Math.Sqrt(Dot(a, a));

    /// <summary>Euclidean distance.</summary>
    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors differ in length ({a.Length} and {b.Length}).", nameof(b));
        }
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>A copy scaled to unit length (the zero vector stays zero).</summary>
    public static float[] Normalize(ReadOnlySpan<float> a)
    {
        var norm = Norm(a);
        var result = new float[a.Length];
        if (norm == 0)
        {
            return result;
        }
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = (float)(a[i] / norm);
        }
        return result;
    }

    /// <summary>The element-wise mean of equally long vectors.</summary>
    public static float[] Mean(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0)
        {
            throw new ArgumentException("The mean of no vectors is undefined.", nameof(vectors));
        }
        var sums = new double[vectors[0].Length];
        foreach (var vector in vectors)
        {
            if (vector.Length != sums.Length)
            {
                throw new ArgumentException("Every vector must have the same length.", nameof(vectors));
            }
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] += vector[i];
            }
        }
        var mean = new float[sums.Length];
        for (var i = 0; i < sums.Length; i++)
        {
            mean[i] = (float)(sums[i] / vectors.Count);
        }
        return mean;
    }

    /// <summary>
    /// The full pairwise matrix of dot products (cosines for unit vectors) with the diagonal set to exactly 1,
    /// as the reference's similarity matrix (evaluation.md §2).
    /// </summary>
    public static double[,] SimilarityMatrix(IReadOnlyList<float[]> unitVectors)
    {
        ArgumentNullException.ThrowIfNull(unitVectors);
        var n = unitVectors.Count;
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            matrix[i, i] = 1.0;
            for (var j = i + 1; j < n; j++)
            {
                var s = Dot(unitVectors[i], unitVectors[j]);
                matrix[i, j] = s;
                matrix[j, i] = s;
            }
        }
        return matrix;
    }
}
