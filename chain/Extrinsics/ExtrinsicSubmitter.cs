using Loosh.Chain.Crypto;
using Loosh.Chain.Metadata;
using Loosh.Chain.Rpc;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// What the validator calls to put a call on chain: reads the runtime version, genesis hash, best block (for the
/// mortal era) and the account's pool-aware nonce, signs, submits, waits for inclusion within the configured timeout
/// and reads the outcome from the block's events. Pool refusals surface as <see cref="TransactionRejectedException"/>;
/// a dispatch failure is an <see cref="ExtrinsicOutcome"/> with an <see cref="ExtrinsicOutcome.Error"/>.
/// </summary>
public sealed class ExtrinsicSubmitter
{
    private readonly SubtensorNode _node;
    private readonly RuntimeMetadata _metadata;
    private readonly ExtrinsicSubmitterOptions _options;
    private readonly SignedExtrinsicBuilder _builder;
    private readonly uint _specVersion;

    /// <param name="node">The node to read chain state from and submit to.</param>
    /// <param name="metadata">The metadata of the runtime the node runs now; the submitter refuses to sign for another spec version.</param>
    /// <param name="options">Era period, tip, finality and timeout; the Python SDK's defaults when null.</param>
    public ExtrinsicSubmitter(SubtensorNode node, RuntimeMetadata metadata, ExtrinsicSubmitterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(metadata);
        _node = node;
        _metadata = metadata;
        _options = options ?? new ExtrinsicSubmitterOptions();
        _builder = new SignedExtrinsicBuilder(metadata);
        _specVersion = metadata.SpecVersion();
    }

    /// <summary>Signs <paramref name="call"/>, submits it and returns how it fared in its block.</summary>
    /// <exception cref="TransactionRejectedException">The pool refused the transaction, or it was not included in time.</exception>
    /// <exception cref="UnsupportedRuntimeException">The node runs another spec version than the metadata describes.</exception>
    public async Task<ExtrinsicOutcome> SubmitAsync(RuntimeCall call, Sr25519KeyPair signer, CancellationToken cancellationToken = default) =>
        await SubmitAsync(await SignAsync(call, signer, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Builds and signs <paramref name="call"/> against the node's current state, without submitting it.</summary>
    public async Task<SignedExtrinsic> SignAsync(RuntimeCall call, Sr25519KeyPair signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var parameters = await ParametersAsync(signer.PublicKey, cancellationToken).ConfigureAwait(false);
        return _builder.Build(call, parameters, signer);
    }

    /// <summary>Submits an already signed extrinsic and returns how it fared in its block.</summary>
    /// <exception cref="TransactionRejectedException">The pool refused the transaction, or it was not included in time.</exception>
    public async Task<ExtrinsicOutcome> SubmitAsync(SignedExtrinsic extrinsic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extrinsic);
        SubmissionOutcome submission;
        try
        {
            submission = await _node.SubmitAndWatchAsync(extrinsic.Bytes, _options.WaitForFinalization, _options.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcErrorException error) when (TransactionRejectedException.FromRpcError(error) is { } rejection)
        {
            throw rejection;
        }
        var block = _options.WaitForFinalization ? submission.Finalized : submission.InBlock;
        if (block is null)
        {
            var reason = submission.Rejection ?? "no block";
            throw new TransactionRejectedException(reason, null, $"Extrinsic {Hex.Encode(submission.ExtrinsicHash)} was not included: {reason}.");
        }
        return await ExtrinsicOutcomeReader.ReadAsync(_node, _metadata, block, submission.Finalized is not null, extrinsic.Bytes, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The versions, genesis hash, mortal era from the best block and next nonce for <paramref name="account"/>.</summary>
    /// <exception cref="UnsupportedRuntimeException">The node runs another spec version than the metadata describes.</exception>
    public async Task<TransactionParameters> ParametersAsync(ReadOnlyMemory<byte> account, CancellationToken cancellationToken = default)
    {
        var version = _node.GetRuntimeVersionAsync(cancellationToken: cancellationToken);
        var genesis = _node.GetBlockHashAsync(0, cancellationToken);
        var best = _node.GetBestBlockAsync(cancellationToken);
        var nonce = _node.GetAccountNextIndexAsync(Ss58.Encode(account.Span), cancellationToken);
        await Task.WhenAll(version, genesis, best, nonce).ConfigureAwait(false);
        var runtime = await version.ConfigureAwait(false);
        if (runtime.SpecVersion != _specVersion)
        {
            throw new UnsupportedRuntimeException(
                $"The node runs {runtime.SpecName} spec {runtime.SpecVersion} but the metadata is for spec {_specVersion}; reload the metadata before signing.");
        }
        var head = await best.ConfigureAwait(false);
        return new TransactionParameters
        {
            SpecVersion = runtime.SpecVersion,
            TransactionVersion = runtime.TransactionVersion,
            GenesisHash = await genesis.ConfigureAwait(false),
            Nonce = await nonce.ConfigureAwait(false),
            Era = MortalEra.Starting(head.Number, _options.EraPeriod),
            BirthHash = head.Hash,
            Tip = _options.Tip,
        };
    }
}
