namespace Loosh.Chain.Weights;

/// <summary>
/// What <c>process_weights_for_netuid</c> returns: uids and normalised float weights. The SDK returns a float32 array
/// in one case and a float64 array in others, and that precision carries into the u16 conversion, so the weights are
/// held as doubles that are exactly the SDK's values (float32 results widened without change). Pass the whole record to
/// <see cref="WeightConversion.ToChainWeights(ProcessedWeights)"/> so that no second float32 rounding happens.
/// </summary>
public sealed record ProcessedWeights(IReadOnlyList<ushort> Uids, IReadOnlyList<double> Weights);
