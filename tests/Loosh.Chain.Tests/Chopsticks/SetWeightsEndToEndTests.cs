using System.Security.Cryptography;
using Loosh.Chain.Crypto;
using Loosh.Chain.Extrinsics;
using Loosh.Chain.Metadata;
using Loosh.Chain.Tests.Metadata;
using Loosh.Devnet.Chain;

namespace Loosh.Chain.Tests.Chopsticks;

/// <summary>
/// set_weights signed by this client and executed by a real subtensor runtime (spec 218 under chopsticks, chain.md
/// §5.3). Every test uses fresh random hotkeys, so the tests sharing the node do not see each other's state.
/// </summary>
[Collection(ChopsticksTests.Name)]
public sealed class SetWeightsEndToEndTests(ChopsticksNode node)
{
    private const ushort Netuid = 1;

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task A_registered_validator_sets_weights_and_the_chain_stores_them()
    {
        await using var chain = await ChopsticksChain.ConnectAsync(node.Endpoint);
        using var hotkey = NewKey();
        await chain.RegisterValidatorAsync(Netuid, hotkey.PublicKey.ToArray(), RandomNumberGenerator.GetBytes(32));
        var submitter = new ExtrinsicSubmitter(chain.Node, chain.Metadata);

        var outcome = await submitter.SubmitAsync(SubtensorCalls.SetWeights(chain.Metadata, Netuid, [0, 1], [65535, 32767], 0), hotkey);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.NotNull(outcome.Event("System", "ExtrinsicSuccess"));
        var weightsSet = outcome.Event("SubtensorModule", "WeightsSet");
        Assert.NotNull(weightsSet);
        Assert.Equal([1, 0], weightsSet.Fields.Select(field => (int)((UnsignedValue)field.Value).Value));
        var stored = await chain.ReadAsync("SubtensorModule", "Weights", outcome.BlockHash, ChopsticksChain.U16(Netuid), ChopsticksChain.U16(0));
        Assert.Equal([(0, 65535), (1, 32767)], Pairs(stored!));
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task A_tampered_signature_is_rejected_by_the_pool_as_a_bad_proof()
    {
        await using var chain = await ChopsticksChain.ConnectAsync(node.Endpoint);
        using var hotkey = NewKey();
        await chain.FundAsync(hotkey.PublicKey.ToArray());
        var submitter = new ExtrinsicSubmitter(chain.Node, chain.Metadata);
        var signed = await submitter.SignAsync(SubtensorCalls.SetWeights(chain.Metadata, Netuid, [0], [65535], 0), hotkey);
        var tampered = signed.Bytes.ToArray();
        tampered[tampered.AsSpan().IndexOf(signed.Signature) + 10] ^= 0x01;

        var rejection = await Assert.ThrowsAsync<TransactionRejectedException>(() => submitter.SubmitAsync(signed with { Bytes = tampered }));

        Assert.Equal("BadProof", rejection.Reason);
    }

    [FixtureFact(ChopsticksNode.ChainSpec)]
    public async Task An_unregistered_hotkey_is_included_but_fails_in_dispatch()
    {
        await using var chain = await ChopsticksChain.ConnectAsync(node.Endpoint);
        using var hotkey = NewKey();
        await chain.FundAsync(hotkey.PublicKey.ToArray());
        var submitter = new ExtrinsicSubmitter(chain.Node, chain.Metadata);

        var outcome = await submitter.SubmitAsync(SubtensorCalls.SetWeights(chain.Metadata, Netuid, [0], [65535], 0), hotkey);

        Assert.False(outcome.Succeeded);
        Assert.Equal("SubtensorModule.HotKeyNotRegisteredInSubNet", outcome.Error);
        Assert.NotNull(outcome.Event("System", "ExtrinsicFailed"));
        Assert.Null(outcome.Event("SubtensorModule", "WeightsSet"));
        Assert.Equal(1u, await chain.Node.GetAccountNextIndexAsync(Ss58.Encode(hotkey.PublicKey.Span)));
    }

    [FixtureFact(ChopsticksNode.ChainSpec, MetadataFiles.V15)]
    public async Task Metadata_of_another_spec_version_is_refused_before_signing()
    {
        await using var chain = await ChopsticksChain.ConnectAsync(node.Endpoint);
        using var hotkey = NewKey();
        var submitter = new ExtrinsicSubmitter(chain.Node, MetadataFiles.Load(MetadataFiles.V15));

        var error = await Assert.ThrowsAsync<UnsupportedRuntimeException>(() => submitter.ParametersAsync(hotkey.PublicKey));

        Assert.Contains("spec 218 but the metadata is for spec 343", error.Message);
    }

    private static Sr25519KeyPair NewKey() => Sr25519KeyPair.FromMiniSecret(RandomNumberGenerator.GetBytes(Sr25519.MiniSecretLength));

    private static IEnumerable<(int Uid, int Weight)> Pairs(ScaleValue weights) =>
        ((SequenceValue)weights).Items.Cast<CompositeValue>()
            .Select(pair => ((int)((UnsignedValue)pair[0]).Value, (int)((UnsignedValue)pair[1]).Value));
}
