using Loosh.Chain.Weights;

namespace Loosh.Chain.Subtensor;

/// <summary>Why the runtime would refuse a set_weights call (chain.md §2.4), found before sending it.</summary>
public enum WeightRefusal
{
    NotRegistered,
    CommitRevealEnabled,
    RateLimited,
    VersionKeyTooLow,
    NoValidatorPermit,
    Empty,
    DuplicateUids,
    UidOutOfRange,
    TooFewWeights,
    AboveMaxWeightLimit,
}

/// <summary>One reason a set_weights call would fail, in words an operator can act on.</summary>
public sealed record WeightProblem(WeightRefusal Refusal, string Detail);

/// <summary>
/// The runtime's checks of <c>internal_set_weights</c>, run client-side so a doomed extrinsic is never sent (a
/// failed one still counts against the rate limit window and says nothing the pre-check could not). The subnet-owner
/// exemptions are not modelled: a validator is not the subnet owner.
/// </summary>
public static class WeightPrecheck
{
    public static IReadOnlyList<WeightProblem> Check(
        WeightSettingParameters parameters, HotkeyStanding? standing, ChainWeights weights, ulong versionKey)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(weights);
        var problems = new List<WeightProblem>();
        if (standing is null)
        {
            problems.Add(new(WeightRefusal.NotRegistered, $"the hotkey is not registered on netuid {parameters.Netuid}"));
        }
        if (parameters.CommitRevealEnabled)
        {
            problems.Add(new(WeightRefusal.CommitRevealEnabled,
                $"netuid {parameters.Netuid} has commit-reveal enabled: weights must be committed (timelocked), set_weights is rejected"));
        }
        if (standing is { LastUpdate: > 0 } && standing.BlocksSinceLastUpdate < parameters.WeightsRateLimit)
        {
            problems.Add(new(WeightRefusal.RateLimited,
                $"weights were set {standing.BlocksSinceLastUpdate} blocks ago; the rate limit is {parameters.WeightsRateLimit} blocks"));
        }
        if (parameters.WeightsVersionKey != 0 && versionKey < parameters.WeightsVersionKey)
        {
            problems.Add(new(WeightRefusal.VersionKeyTooLow, $"version key {versionKey} is below the subnet's {parameters.WeightsVersionKey}"));
        }
        var selfWeight = standing is not null && weights.Uids is [var only] && only == standing.Uid;
        if (standing is { ValidatorPermit: false } && !selfWeight)
        {
            problems.Add(new(WeightRefusal.NoValidatorPermit, $"uid {standing.Uid} has no validator permit on netuid {parameters.Netuid}"));
        }
        CheckVector(parameters, weights, selfWeight, problems);
        return problems;
    }

    private static void CheckVector(WeightSettingParameters parameters, ChainWeights weights, bool selfWeight, List<WeightProblem> problems)
    {
        if (weights.IsEmpty)
        {
            problems.Add(new(WeightRefusal.Empty, "there are no non-zero weights to set"));
            return;
        }
        if (weights.Uids.Distinct().Count() != weights.Uids.Count)
        {
            problems.Add(new(WeightRefusal.DuplicateUids, "a uid appears more than once"));
        }
        if (weights.Uids.FirstOrDefault(uid => uid >= parameters.NeuronCount) is var outside && outside >= parameters.NeuronCount)
        {
            problems.Add(new(WeightRefusal.UidOutOfRange, $"uid {outside} does not exist (the subnet has {parameters.NeuronCount} neurons)"));
        }
        var required = Math.Min(parameters.MinAllowedWeights, parameters.NeuronCount);
        if (!selfWeight && weights.Uids.Count < required)
        {
            problems.Add(new(WeightRefusal.TooFewWeights, $"{weights.Uids.Count} weights set; the subnet requires at least {required}"));
        }
        // The runtime max-upscales the values (largest → 65535), then requires each to be within the limit.
        var largest = weights.Values.Max();
        if (parameters.MaxWeightsLimit != ushort.MaxValue && largest > 0
            && weights.Values.Any(value => (ulong)value * ushort.MaxValue / largest > parameters.MaxWeightsLimit))
        {
            problems.Add(new(WeightRefusal.AboveMaxWeightLimit, $"a weight exceeds the subnet's max weight limit {parameters.MaxWeightsLimit}/65535"));
        }
    }
}
