using Loosh.Evaluation.Vectors;

namespace Loosh.Evaluation.Tests.Consensus;

/// <summary>The test helper that turns a cosine matrix into unit vectors.</summary>
public sealed class GramTests
{
    [Fact]
    public void Cholesky_rows_reproduce_the_gram_matrix()
    {
        var gram = Gram.Matrix(4, (i, j) => 0.1 * (i + j + 1));

        var rows = Gram.Embeddings(gram);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(1.0, VectorMath.Norm(rows[i]), 1e-6);
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(gram[i, j], VectorMath.Dot(rows[i], rows[j]), 1e-6);
            }
        }
    }

    [Fact]
    public void A_singular_matrix_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Gram.Embeddings(Gram.Matrix(3, (_, _) => 1.0)));
    }
}
