using Loosh.Chain.Weights;

namespace Loosh.Chain.Tests.Weights;

/// <summary>
/// WeightConversion against the bittensor SDK's <c>convert_weights_and_uids_for_emit</c>: the vectors of chain.md §2.5,
/// and values produced by running the SDK 10.2.0 functions under numpy with NEP 50 (numpy 2) promotion.
/// </summary>
public sealed class WeightConversionTests
{
    private static void AssertChain(ChainWeights actual, ushort[] uids, ushort[] values)
    {
        Assert.Equal(uids, actual.Uids);
        Assert.Equal(values, actual.Values);
    }

    [Fact]
    public void Chain_md_vector_max_upscales_and_drops_zeros() =>
        AssertChain(WeightConversion.ToChainWeights([0, 1, 2, 3], [0.1, 0.4, 0.5, 0.0]), [0, 1, 2], [13107, 52428, 65535]);

    [Fact]
    public void Halves_round_to_even_like_python_round() =>
        AssertChain(WeightConversion.ToChainWeights([0, 1], [2.0, 1.0]), [0, 1], [65535, 32768]);

    [Fact]
    public void Weights_are_rounded_to_float32_first_as_the_sdk_does_with_a_list()
    {
        // In float64, 0.037 / 0.17 * 65535 rounds to 14263; the SDK's float32 values give 14264.
        AssertChain(WeightConversion.ToChainWeights([0, 1, 2], [0.17, 0.037, 0.054]), [0, 1, 2], [65535, 14264, 20817]);
    }

    [Fact]
    public void Weights_that_round_to_zero_are_left_out_with_their_uids() =>
        AssertChain(WeightConversion.ToChainWeights([4, 9, 2], [1.0, 1e-6, 0.5]), [4, 2], [65535, 32768]);

    [Fact]
    public void A_single_weight_becomes_the_maximum() =>
        AssertChain(WeightConversion.ToChainWeights([42], [0.003]), [42], [65535]);

    [Fact]
    public void Uids_keep_their_given_order() =>
        AssertChain(WeightConversion.ToChainWeights([5, 3, 8], [0.25, 1.0, 0.5]), [5, 3, 8], [16384, 65535, 32768]);

    [Fact]
    public void All_zero_weights_give_nothing_to_set()
    {
        var weights = WeightConversion.ToChainWeights([0, 1, 2], [0.0, 0.0, 0.0]);
        Assert.True(weights.IsEmpty);
        Assert.Empty(weights.Values);
    }

    [Fact]
    public void No_weights_give_nothing_to_set() =>
        Assert.True(WeightConversion.ToChainWeights([], []).IsEmpty);

    [Fact]
    public void Weights_too_small_for_float32_count_as_zero() =>
        Assert.True(WeightConversion.ToChainWeights([0, 1], [1e-50, 0.0]).IsEmpty);

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e39)]
    public void Invalid_weights_are_refused(double bad)
    {
        var error = Assert.Throws<ArgumentException>(() => WeightConversion.ToChainWeights([0, 1], [0.5, bad]));
        Assert.Equal("weights", error.ParamName);
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => WeightConversion.ToChainWeights([0, 1, 2], [0.5, 0.5]));
        Assert.Contains("3 uids but 2 weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_uids_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => WeightConversion.ToChainWeights([3, 1, 3], [0.5, 0.5, 0.5]));
        Assert.Equal("uids", error.ParamName);
        Assert.Contains("Uid 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Processed_float64_weights_are_not_rounded_to_float32_again()
    {
        // process_weights spreads these over all 6 neurons in float64; narrowing them would give 33982 for uid 3.
        var processed = WeightProcessing.ProcessForSubnet([0, 1, 2, 3, 4, 5], [0.6, 0.1, 0.81, 0.42, 0.0, 0.0], new SubnetWeightLimits(6, 6, 65535));

        AssertChain(WeightConversion.ToChainWeights(processed), [0, 1, 2, 3, 4, 5], [48545, 8091, 65535, 33981, 1, 1]);
    }
}
