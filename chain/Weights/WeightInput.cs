namespace Loosh.Chain.Weights;

/// <summary>
/// Checks shared by the weight functions. The SDK lets some bad input through (NaN, duplicate uids, uids outside the
/// subnet) and the chain then rejects the whole call; here it is refused up front with a message that names the entry.
/// </summary>
internal static class WeightInput
{
    public static void Validate(IReadOnlyList<ushort> uids, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(weights);
        if (uids.Count != weights.Count)
        {
            throw new ArgumentException($"Got {uids.Count} uids but {weights.Count} weights; each uid needs exactly one weight.", nameof(weights));
        }
        var seen = new HashSet<ushort>();
        for (var i = 0; i < uids.Count; i++)
        {
            if (!seen.Add(uids[i]))
            {
                throw new ArgumentException($"Uid {uids[i]} appears more than once (again at position {i}); the chain rejects duplicate uids.", nameof(uids));
            }
            var weight = weights[i];
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException($"Weight {weight} for uid {uids[i]} (position {i}) is not allowed; weights must be finite and non-negative.", nameof(weights));
            }
        }
    }

    /// <summary>Uids the subnet does not have are refused (the chain rejects them, and the SDK would index out of range).</summary>
    public static void RequireKnownUids(IReadOnlyList<ushort> uids, ushort neuronCount)
    {
        for (var i = 0; i < uids.Count; i++)
        {
            if (uids[i] >= neuronCount)
            {
                throw new ArgumentException($"Uid {uids[i]} (position {i}) does not exist on a subnet of {neuronCount} neurons.", nameof(uids));
            }
        }
    }

    /// <summary>numpy's <c>astype(np.float32)</c> (round to nearest), refusing values beyond the float32 range.</summary>
    public static float[] NarrowToFloat32(IReadOnlyList<double> weights)
    {
        var narrowed = new float[weights.Count];
        for (var i = 0; i < narrowed.Length; i++)
        {
            narrowed[i] = (float)weights[i];
            if (float.IsInfinity(narrowed[i]))
            {
                throw new ArgumentException($"Weight {weights[i]} (position {i}) is beyond the float32 range the SDK converts weights to.", nameof(weights));
            }
        }
        return narrowed;
    }
}
