using Loosh.Chain.Subtensor;
using Loosh.Chain.Weights;

namespace Loosh.Chain.Tests.Subtensor;

public sealed class WeightPrecheckTests
{
    private static readonly WeightSettingParameters Open = new(1, WeightsRateLimit: 100, WeightsVersionKey: 0, MinAllowedWeights: 2,
        MaxWeightsLimit: ushort.MaxValue, CommitRevealEnabled: false, Tempo: 360, RevealPeriodEpochs: 1, NeuronCount: 10);

    private static readonly HotkeyStanding Validator = new(Uid: 3, ValidatorPermit: true, LastUpdate: 1000, CurrentBlock: 1200);

    private static readonly ChainWeights Good = new([0, 1, 2], [65535, 30000, 100]);

    [Fact]
    public void A_registered_permitted_validator_outside_the_rate_limit_may_set_weights() =>
        Assert.Empty(WeightPrecheck.Check(Open, Validator, Good, versionKey: 0));

    [Fact]
    public void Every_refusal_is_found_and_named()
    {
        var strict = Open with { CommitRevealEnabled = true, WeightsVersionKey = 5, MinAllowedWeights = 4, MaxWeightsLimit = 40000 };
        var standing = Validator with { ValidatorPermit = false, LastUpdate = 1150 };
        var weights = new ChainWeights([1, 1, 12], [65535, 65535, 10]);

        var refusals = WeightPrecheck.Check(strict, standing, weights, versionKey: 4).Select(p => p.Refusal).ToHashSet();

        Assert.Equal(
            new HashSet<WeightRefusal>
            {
                WeightRefusal.CommitRevealEnabled, WeightRefusal.RateLimited, WeightRefusal.VersionKeyTooLow, WeightRefusal.NoValidatorPermit,
                WeightRefusal.DuplicateUids, WeightRefusal.UidOutOfRange, WeightRefusal.TooFewWeights, WeightRefusal.AboveMaxWeightLimit,
            },
            refusals);
    }

    [Fact]
    public void An_unregistered_hotkey_and_an_empty_vector_are_refused()
    {
        var problems = WeightPrecheck.Check(Open, null, ChainWeights.Empty, 0);

        Assert.Equal([WeightRefusal.NotRegistered, WeightRefusal.Empty], problems.Select(p => p.Refusal));
    }

    [Fact]
    public void A_self_weight_needs_no_permit_and_no_minimum_count()
    {
        var selfOnly = new ChainWeights([3], [65535]);

        Assert.Empty(WeightPrecheck.Check(Open, Validator with { ValidatorPermit = false }, selfOnly, 0));
    }

    [Fact]
    public void A_first_weight_setting_is_not_rate_limited()
    {
        var fresh = Validator with { LastUpdate = 0, CurrentBlock = 5 };

        Assert.Empty(WeightPrecheck.Check(Open, fresh, Good, 0));
        Assert.Contains(WeightPrecheck.Check(Open, Validator with { CurrentBlock = 1099 }, Good, 0), p => p.Refusal == WeightRefusal.RateLimited);
    }

    [Fact]
    public void The_max_weight_limit_applies_after_upscaling()
    {
        var limited = Open with { MaxWeightsLimit = 40000 };

        // [30000, 30000] upscales to [65535, 65535]: above 40000 although each raw value is below it.
        Assert.Contains(WeightPrecheck.Check(limited, Validator, new ChainWeights([0, 1], [30000, 30000]), 0),
            p => p.Refusal == WeightRefusal.AboveMaxWeightLimit);
    }
}
