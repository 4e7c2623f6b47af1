using Loosh.Chain.Weights;

namespace Loosh.Chain.Tests.Weights;

/// <summary>
/// WeightProcessing against the bittensor SDK 10.2.0's <c>process_weights</c>. Expected values come from running the
/// SDK's own functions under numpy with NEP 50 (numpy 2) promotion and numpy 2.5's quantile; each double is the SDK's
/// float32 or float64 result exactly.
/// </summary>
public sealed class WeightProcessingTests
{
    private static ushort[] Uids(int count) => Enumerable.Range(0, count).Select(uid => (ushort)uid).ToArray();

    private static ProcessedWeights Process(ushort[] uids, double[] weights, ushort neurons, ushort minAllowed, ushort maxWeightsLimit, ushort excludeQuantile = 0) =>
        WeightProcessing.ProcessForSubnet(uids, weights, new SubnetWeightLimits(neurons, minAllowed, maxWeightsLimit), excludeQuantile);

    private static void AssertProcessed(ProcessedWeights actual, ushort[] uids, double[] weights)
    {
        Assert.Equal(uids, actual.Uids);
        Assert.Equal(weights, actual.Weights);
    }

    [Fact]
    public void All_zero_weights_become_uniform_over_every_neuron()
    {
        var third = 1.0 / 3;
        AssertProcessed(Process([0, 1, 2], [0, 0, 0], 3, 1, 65535), [0, 1, 2], [third, third, third]);
    }

    [Fact]
    public void A_subnet_smaller_than_its_minimum_gets_uniform_weights() =>
        AssertProcessed(Process([0, 1], [0.4, 0.6], 2, 3, 65535), [0, 1], [0.5, 0.5]);

    [Fact]
    public void Too_few_weights_are_spread_over_every_neuron_from_a_floor()
    {
        const double Floor = 1.999840012798977e-05;
        AssertProcessed(Process(Uids(4), [0, 0.5, 0, 0], 4, 2, 65535), Uids(4), [Floor, 0.9999400047996163, Floor, Floor]);
    }

    [Fact]
    public void Spread_weights_are_also_held_to_the_max_weight_limit()
    {
        const double Low = 0.06700169748800584;
        const double High = 0.3994974537679912;
        AssertProcessed(Process(Uids(5), [0, 0.5, 0, 0.25, 0], 5, 3, 26214), Uids(5), [Low, High, Low, High, Low]);
    }

    [Fact]
    public void A_single_weight_below_the_minimum_goes_to_its_own_uid()
    {
        // The SDK puts it at the input position (0 here) instead; with uids 0..n-1 in order both agree.
        const double Rest = 3.3324445490341416e-05;
        var processed = Process([7], [0.3], 8, 2, 65535);

        AssertProcessed(processed, Uids(8), [Rest, Rest, Rest, Rest, Rest, Rest, Rest, 0.9997667288815676]);
        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 65535], WeightConversion.ToChainWeights(processed).Values);
    }

    [Fact]
    public void A_single_weight_meeting_the_minimum_gets_everything() =>
        AssertProcessed(Process([7], [0.3], 8, 1, 65535), [7], [1.0]);

    [Fact]
    public void Weights_under_the_limit_are_only_normalised_in_float32() =>
        AssertProcessed(Process([2, 0, 1], [0.2, 0.3, 0.5], 3, 0, 65535), [2, 0, 1], [0.20000000298023224, 0.30000001192092896, 0.5]);

    [Fact]
    public void The_largest_weight_is_clipped_to_the_max_weight_limit()
    {
        const double Rest = 0.17500196397304535;
        var processed = Process(Uids(5), [1, 1, 1, 1, 10], 5, 0, 19660);

        AssertProcessed(processed, Uids(5), [Rest, Rest, Rest, Rest, 0.2999921441078186]);
        Assert.Equal([38230, 38230, 38230, 38230, 65535], WeightConversion.ToChainWeights(processed).Values);
    }

    [Fact]
    public void Clipping_keeps_the_input_order_of_uids()
    {
        var processed = Process([3, 1, 4, 0, 2], [0.9, 0.05, 0.3, 0.2, 0.01], 5, 1, 21845);

        AssertProcessed(processed, [3, 1, 4, 0, 2], [0.33333316445350647, 0.06410263478755951, 0.33333316445350647, 0.25641053915023804, 0.012820526957511902]);
        Assert.Equal([65535, 12603, 65535, 50412, 2521], WeightConversion.ToChainWeights(processed).Values);
    }

    [Fact]
    public void A_limit_too_low_for_the_count_gives_uniform_float32_weights() =>
        AssertProcessed(Process(Uids(4), [0.1, 0.2, 0.3, 0.4], 4, 0, 13107), Uids(4), [0.25, 0.25, 0.25, 0.25]);

    [Fact]
    public void Zero_weights_are_dropped_before_normalising() =>
        AssertProcessed(Process([0, 1, 2, 3], [0.5, 0, 0.5, 0], 4, 1, 65535), [0, 2], [0.5, 0.5]);

    [Fact]
    public void The_exclude_quantile_drops_the_lowest_weights()
    {
        var processed = Process(Uids(10), Enumerable.Range(1, 10).Select(i => i / 10.0).ToArray(), 10, 0, 65535, 32767);

        AssertProcessed(processed, [5, 6, 7, 8, 9], [0.15000000596046448, 0.17499999701976776, 0.20000000298023224, 0.22499999403953552, 0.25]);
    }

    [Fact]
    public void The_exclude_quantile_always_leaves_the_minimum_number_of_weights()
    {
        var processed = Process(Uids(10), Enumerable.Range(1, 10).Select(i => i / 10.0).ToArray(), 10, 8, 65535, 65535);

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], processed.Uids);
        Assert.Equal([19661, 26214, 32768, 39321, 45874, 52428, 58982, 65535], WeightConversion.ToChainWeights(processed).Values);
    }

    [Fact]
    public void A_full_exclude_quantile_without_a_minimum_keeps_only_the_largest() =>
        AssertProcessed(Process(Uids(10), Enumerable.Range(1, 10).Select(i => i / 10.0).ToArray(), 10, 0, 65535, 65535), [9], [1.0]);

    [Theory]
    [InlineData(256, 8, 655, 0, 245, 6557100L, 835783201L, 63)]
    [InlineData(256, 8, 1310, 6553, 227, 3385573L, 432338872L, 3)]
    [InlineData(300, 50, 1310, 0, 282, 3974786L, 595199193L, 3)]
    public void A_full_subnet_with_heavy_top_scores_matches_the_sdk(int neurons, int minAllowed, int maxWeightsLimit, int excludeQuantile, int count, long sum, long uidWeightedSum, int atMaximum)
    {
        // Scores ((37·uid mod 101)^4) / 1e8: a few large, many small, three zeros; the limit clips the top ones.
        var scores = Enumerable.Range(0, neurons).Select(uid => (long)(uid * 37 % 101)).Select(x => x * x * x * x / 1e8).ToArray();

        var chain = WeightConversion.ToChainWeights(Process(Uids(neurons), scores, (ushort)neurons, (ushort)minAllowed, (ushort)maxWeightsLimit, (ushort)excludeQuantile));

        Assert.Equal(count, chain.Uids.Count);
        Assert.Equal(sum, chain.Values.Sum(value => (long)value));
        Assert.Equal(uidWeightedSum, chain.Uids.Zip(chain.Values, (uid, value) => (long)uid * value).Sum());
        Assert.Equal(atMaximum, chain.Values.Count(value => value == ushort.MaxValue));
    }

    [Fact]
    public void Uids_outside_the_subnet_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Process([0, 4], [0.5, 0.5], 4, 1, 65535));
        Assert.Equal("uids", error.ParamName);
        Assert.Contains("Uid 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1e-9)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Negative_and_non_finite_weights_are_refused_not_treated_as_zero(double bad) =>
        Assert.Throws<ArgumentException>(() => Process([0, 1], [0.5, bad], 2, 1, 65535));

    [Fact]
    public void Duplicate_uids_and_mismatched_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Process([1, 1], [0.5, 0.5], 2, 1, 65535));
        Assert.Throws<ArgumentException>(() => Process([0, 1], [0.5], 2, 1, 65535));
    }

    [Fact]
    public void The_max_weight_limit_is_the_u16_fraction_of_65535() =>
        Assert.Equal(655 / 65535.0, new SubnetWeightLimits(256, 8, 655).MaxWeightLimit);
}
