using Loosh.Chain.Crypto;
using Loosh.Chain.Extrinsics;
using Loosh.Chain.Hashing;
using Loosh.Chain.Tests.Metadata;
using Loosh.Chain.Tests.Wallet;

namespace Loosh.Chain.Tests.Extrinsics;

/// <summary>The worked example of chain.md §2.6 (spec-343 metadata), signing-payload hashing and immortal transactions.</summary>
public sealed class SignedExtrinsicTests
{
    private const string Call = "070001000c0000010002000cffffff7f0000509e980000000000";
    private const string FinneyGenesis = "2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03";
    private const string BirthHash = "db13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0";

    private static readonly TransactionParameters WorkedExample = new()
    {
        SpecVersion = 343,
        TransactionVersion = 1,
        GenesisHash = Convert.FromHexString(FinneyGenesis),
        Nonce = 7,
        Era = MortalEra.Starting(6_852_690),
        BirthHash = Convert.FromHexString(BirthHash),
    };

    [FixtureTheory(MetadataFiles.V14, MetadataFiles.V15)]
    [InlineData(MetadataFiles.V14)]
    [InlineData(MetadataFiles.V15)]
    public void The_worked_example_payload_and_extrinsic_match_section_2_6(string file)
    {
        var metadata = MetadataFiles.Load(file);
        using var signer = Sr25519KeyPair.FromMnemonic(TestKeys.LeopardPhrase);

        var extrinsic = new SignedExtrinsicBuilder(metadata).Build(SubtensorCalls.SetWeights(metadata, 1, [0, 1, 2], [65535, 32767, 0], 10_002_000), WorkedExample, signer);

        Assert.Equal(Call + "2605" + "1c" + "00" + "00" + "57010000" + "01000000" + FinneyGenesis + BirthHash + "00", Hex(extrinsic.Payload));
        Assert.Equal(104, extrinsic.Payload.Length);
        var bytes = Hex(extrinsic.Bytes);
        Assert.Equal(2 + 130, extrinsic.Bytes.Length);
        Assert.StartsWith("0902" + "84" + "00" + TestKeys.LeopardPublic + "01", bytes, StringComparison.Ordinal);
        Assert.Equal(Hex(extrinsic.Signature), bytes[(2 * 37)..(2 * 101)]);
        Assert.EndsWith("2605" + "1c" + "00" + "00" + Call, bytes, StringComparison.Ordinal);
        Assert.True(Sr25519.Verify(Convert.FromHexString(TestKeys.LeopardPublic), extrinsic.Payload, extrinsic.Signature));
        Assert.Equal(SubstrateHash.Blake2b256(extrinsic.Bytes), extrinsic.Hash);
    }

    [FixtureFact(MetadataFiles.V15)]
    public void A_payload_over_256_bytes_is_signed_as_its_blake2b_256_hash()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);
        using var signer = Sr25519KeyPair.FromMnemonic(TestKeys.LeopardPhrase);
        var uids = Enumerable.Range(0, 100).Select(uid => (ushort)uid).ToArray();

        var extrinsic = new SignedExtrinsicBuilder(metadata).Build(SubtensorCalls.SetWeights(metadata, 1, uids, uids, 0), WorkedExample, signer);

        Assert.True(extrinsic.Payload.Length > SignedExtrinsic.MaxUnhashedPayload);
        Assert.True(Sr25519.Verify(signer.PublicKey.Span, SubstrateHash.Blake2b256(extrinsic.Payload), extrinsic.Signature));
        Assert.False(Sr25519.Verify(signer.PublicKey.Span, extrinsic.Payload, extrinsic.Signature));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void An_immortal_transaction_has_era_00_and_commits_to_the_genesis_hash()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);

        var extensions = new SignedExtrinsicBuilder(metadata).Extensions(WorkedExample with { Era = null, BirthHash = null, Tip = 5 });

        Assert.Equal("00" + "1c" + "14" + "00", Hex(extensions.Extra));
        Assert.Equal("57010000" + "01000000" + FinneyGenesis + FinneyGenesis + "00", Hex(extensions.Implicit));
    }

    [FixtureFact(MetadataFiles.V15)]
    public void A_mortal_era_without_its_birth_hash_is_refused()
    {
        var metadata = MetadataFiles.Load(MetadataFiles.V15);

        Assert.Throws<ArgumentException>(() => new SignedExtrinsicBuilder(metadata).Extensions(WorkedExample with { BirthHash = null }));
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
