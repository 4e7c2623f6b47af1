using Loosh.Chain.Extrinsics;
using Loosh.Chain.Metadata;
using Loosh.Chain.Metagraph;
using Loosh.Chain.Rpc;
using Loosh.Chain.Subtensor;
using Loosh.Chain.Weights;
using Loosh.Grains.Services;
using Microsoft.Extensions.Options;

namespace Loosh.Grains.Weights;

/// <summary>What one weights attempt reads from the chain.</summary>
/// <param name="Parameters">The subnet's weight-setting parameters.</param>
/// <param name="Neurons">The metagraph.</param>
/// <param name="Standing">Our hotkey's UID, permit and last update; null when it is not registered on the subnet.</param>
public sealed record ChainView(WeightSettingParameters Parameters, HotkeyStanding? Standing, IReadOnlyList<NeuronLite> Neurons);

/// <summary>
/// A signed set_weights as the epoch persists it before sending, so that after a crash the very same bytes (same
/// nonce) are sent again instead of new ones: the chain executes one nonce at most once.
/// </summary>
/// <param name="ExtrinsicHex">The signed extrinsic.</param>
/// <param name="ExtrinsicHash">Its hash, as explorers show it.</param>
/// <param name="Nonce">The account nonce it was signed with.</param>
/// <param name="LastUpdateBefore">Our LastUpdate when it was signed: once the chain shows a later one, it has landed.</param>
/// <param name="ValidUntilBlock">Past this block its mortal era has ended and it can never be included.</param>
public sealed record SignedSetWeights(string ExtrinsicHex, string ExtrinsicHash, uint Nonce, ulong LastUpdateBefore, ulong ValidUntilBlock);

/// <summary>
/// The weights epoch's access to subtensor through the silo's shared connection, signing with the validator's hotkey.
/// </summary>
public sealed class WeightsChain(SubtensorConnection connection, ValidatorIdentity identity, IOptions<WeightsOptions> options)
{
    private SubtensorReader Reader => connection.Reader;

    /// <summary>Our hotkey's SS58 address.</summary>
    public string Hotkey => identity.Ss58Address;

    /// <summary>The subnet's weight-setting parameters, our standing and the metagraph, all at the best block.</summary>
    public async Task<ChainView> ReadAsync(ushort netuid, CancellationToken cancellationToken)
    {
        var parameters = await Reader.GetWeightSettingParametersAsync(netuid, cancellationToken).ConfigureAwait(false);
        var standing = await GetStandingAsync(netuid, cancellationToken).ConfigureAwait(false);
        var neurons = await Reader.GetNeuronsAsync(netuid, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new(parameters, standing, neurons);
    }

    public Task<HotkeyStanding?> GetStandingAsync(ushort netuid, CancellationToken cancellationToken) =>
        Reader.GetStandingAsync(netuid, identity.Hotkey.PublicKey, cancellationToken);

    /// <summary>Signs <c>set_weights</c> against the node's current state without sending it.</summary>
    public async Task<SignedSetWeights> SignAsync(ushort netuid, ChainWeights weights, ulong versionKey, HotkeyStanding standing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(standing);
        var metadata = await Reader.MetadataAsync(cancellationToken).ConfigureAwait(false);
        var parameters = await Submitter(metadata).ParametersAsync(identity.Hotkey.PublicKey, cancellationToken).ConfigureAwait(false);
        var call = SubtensorCalls.SetWeights(metadata, netuid, weights.Uids, weights.Values, versionKey);
        var signed = new SignedExtrinsicBuilder(metadata).Build(call, parameters, identity.Hotkey);
        // The era starts at the best block the parameters were read at; reading it again gives an upper bound on it.
        var best = await Reader.Node.GetBestBlockAsync(cancellationToken).ConfigureAwait(false);
        var period = parameters.Era?.Period ?? MortalEra.DefaultPeriod;
        return new(Hex.Encode(signed.Bytes), Hex.Encode(signed.Hash), parameters.Nonce, standing.LastUpdate, best.Number + period);
    }

    /// <summary>Sends the signed bytes (again, after a crash) and waits for inclusion.</summary>
    /// <exception cref="TransactionRejectedException">The pool refused it, or it was not included in time.</exception>
    public async Task<ExtrinsicOutcome> SubmitAsync(SignedSetWeights extrinsic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extrinsic);
        var metadata = await Reader.MetadataAsync(cancellationToken).ConfigureAwait(false);
        // Only the bytes are sent and matched in the block; payload and signature are not needed again.
        var bytes = new SignedExtrinsic(Hex.Decode(extrinsic.ExtrinsicHex), Hex.Decode(extrinsic.ExtrinsicHash), [], []);
        return await Submitter(metadata).SubmitAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The best block's number.</summary>
    public async Task<ulong> BestBlockAsync(CancellationToken cancellationToken) =>
        (await Reader.Node.GetBestBlockAsync(cancellationToken).ConfigureAwait(false)).Number;

    private ExtrinsicSubmitter Submitter(RuntimeMetadata metadata) =>
        new(Reader.Node, metadata, new ExtrinsicSubmitterOptions { Timeout = options.Value.InclusionTimeout });
}
