using Loosh.Chain.Metadata;
using Loosh.Chain.Scale;

namespace Loosh.Chain.Metagraph;

/// <summary>How a runtime returns <c>get_neurons_lite</c>.</summary>
public enum NeuronsLiteEncoding
{
    /// <summary><c>Vec&lt;NeuronInfoLite&gt;</c>, as current runtimes declare it.</summary>
    Vector,

    /// <summary>The same vector inside a <c>Vec&lt;u8&gt;</c> (an extra compact byte length first), as old runtimes such as spec 208 did.</summary>
    ByteWrapped,
}

/// <summary>
/// Decodes <c>NeuronInfoRuntimeApi_get_neurons_lite(netuid)</c> straight into <see cref="NeuronLite"/> records: the
/// metagraph is read every epoch and has thousands of neurons, so this skips the generic value tree. The layout is
/// the one of chain.md §2.3; <see cref="EncodingOf"/> checks it against the runtime's metadata first.
/// </summary>
public static class NeuronLiteDecoder
{
    public const string RuntimeApi = "NeuronInfoRuntimeApi";

    public const string Method = "get_neurons_lite";

    /// <summary>Two keys, five one-byte compacts and bools, axon, prometheus, empty stake list, six one-byte compacts.</summary>
    private const int MinimumNeuronSize = (2 * AccountId32.Size) + 3 + AxonInfo.EncodedSize + PrometheusInfo.EncodedSize + 1 + 10;

    private const int StakeEntryMinimumSize = AccountId32.Size + 1;

    private static readonly ExpectedField[] NeuronInfoLiteFields =
    [
        new("hotkey", FieldShape.Fixed, AccountId32.Size),
        new("coldkey", FieldShape.Fixed, AccountId32.Size),
        new("uid", FieldShape.Compact),
        new("netuid", FieldShape.Compact),
        new("active", FieldShape.Fixed, 1),
        new("axon_info", FieldShape.Fixed, AxonInfo.EncodedSize),
        new("prometheus_info", FieldShape.Fixed, PrometheusInfo.EncodedSize),
        new("stake", FieldShape.Sequence),
        new("rank", FieldShape.Compact),
        new("emission", FieldShape.Compact),
        new("incentive", FieldShape.Compact),
        new("consensus", FieldShape.Compact),
        new("trust", FieldShape.Compact),
        new("validator_trust", FieldShape.Compact),
        new("dividends", FieldShape.Compact),
        new("last_update", FieldShape.Compact),
        new("validator_permit", FieldShape.Fixed, 1),
        new("pruning_score", FieldShape.Compact),
    ];

    private enum FieldShape
    {
        Fixed,
        Compact,
        Sequence,
    }

    /// <summary>
    /// The encoding the runtime declares for get_neurons_lite's output (V15 or later metadata), after checking that
    /// its NeuronInfoLite has exactly the fields this decoder reads. V14 metadata does not describe runtime APIs:
    /// a caller with only V14 passes the encoding to <see cref="Decode"/> itself.
    /// </summary>
    public static NeuronsLiteEncoding EncodingOf(RuntimeMetadata metadata)
    {
        var types = metadata.Types;
        var output = metadata.RuntimeApi(RuntimeApi).Method(Method).OutputType;
        if (types[output].Definition is not SequenceDef { ElementType: var element })
        {
            throw new NotSupportedException($"{RuntimeApi}.{Method} returns {types.Describe(output)}, not a Vec.");
        }
        if (types[element].Definition is PrimitiveDef { Kind: Primitive.U8 })
        {
            return NeuronsLiteEncoding.ByteWrapped;
        }
        CheckNeuronInfoLite(types, element);
        return NeuronsLiteEncoding.Vector;
    }

    /// <summary>Decodes the whole <c>state_call</c> result; every byte must belong to a neuron.</summary>
    public static NeuronLite[] Decode(ReadOnlySpan<byte> result, NeuronsLiteEncoding encoding)
    {
        var reader = new ScaleReader(result);
        if (encoding == NeuronsLiteEncoding.ByteWrapped)
        {
            var wrapperAt = reader.Position;
            var length = reader.ReadLength();
            if (length != reader.Remaining)
            {
                throw new ScaleDecodeException($"The Vec<u8> wrapper declares {length} bytes but {reader.Remaining} follow", wrapperAt);
            }
        }
        var countAt = reader.Position;
        var count = reader.ReadLength();
        if (count > reader.Remaining / MinimumNeuronSize)
        {
            throw new ScaleDecodeException($"{count} neurons cannot fit in the {reader.Remaining} bytes left", countAt);
        }
        var neurons = new NeuronLite[count];
        for (var i = 0; i < neurons.Length; i++)
        {
            neurons[i] = DecodeNeuron(ref reader);
        }
        reader.EnsureConsumed();
        return neurons;
    }

    /// <summary>One NeuronInfoLite at the reader's position (arguments are evaluated in the written, SCALE order).</summary>
    public static NeuronLite DecodeNeuron(ref ScaleReader reader) => new(
        Hotkey: AccountId32.Read(ref reader),
        Coldkey: AccountId32.Read(ref reader),
        Uid: reader.ReadCompactU16(),
        Netuid: reader.ReadCompactU16(),
        Active: reader.ReadBool(),
        Axon: AxonInfo.Read(ref reader),
        Prometheus: PrometheusInfo.Read(ref reader),
        Stake: ReadStake(ref reader),
        Rank: new U16Fraction(reader.ReadCompactU16()),
        EmissionRao: reader.ReadCompactU64(),
        Incentive: new U16Fraction(reader.ReadCompactU16()),
        Consensus: new U16Fraction(reader.ReadCompactU16()),
        Trust: new U16Fraction(reader.ReadCompactU16()),
        ValidatorTrust: new U16Fraction(reader.ReadCompactU16()),
        Dividends: new U16Fraction(reader.ReadCompactU16()),
        LastUpdate: reader.ReadCompactU64(),
        ValidatorPermit: reader.ReadBool(),
        PruningScore: reader.ReadCompactU16());

    /// <summary><c>Vec&lt;(AccountId32, Compact&lt;u64&gt;)&gt;</c>.</summary>
    private static NeuronStake[] ReadStake(ref ScaleReader reader)
    {
        var countAt = reader.Position;
        var count = reader.ReadLength();
        if (count > reader.Remaining / StakeEntryMinimumSize)
        {
            throw new ScaleDecodeException($"{count} stake entries cannot fit in the {reader.Remaining} bytes left", countAt);
        }
        if (count == 0)
        {
            return [];
        }
        var stake = new NeuronStake[count];
        for (var i = 0; i < stake.Length; i++)
        {
            stake[i] = new NeuronStake(AccountId32.Read(ref reader), reader.ReadCompactU64());
        }
        return stake;
    }

    private static void CheckNeuronInfoLite(TypeRegistry types, int type)
    {
        var name = types.Describe(type);
        if (types[type].Definition is not CompositeDef { Fields: var fields } || fields.Count != NeuronInfoLiteFields.Length)
        {
            throw new NotSupportedException($"{RuntimeApi}.{Method} returns Vec<{name}>, which is not the {NeuronInfoLiteFields.Length}-field NeuronInfoLite this decoder reads.");
        }
        for (var i = 0; i < fields.Count; i++)
        {
            var expected = NeuronInfoLiteFields[i];
            var shape = types[fields[i].Type].Definition switch
            {
                CompactDef => FieldShape.Compact,
                SequenceDef => FieldShape.Sequence,
                _ => FieldShape.Fixed,
            };
            if (fields[i].Name != expected.Name || shape != expected.Shape
                || (shape == FieldShape.Fixed && types.FixedSize(fields[i].Type) != expected.Size))
            {
                throw new NotSupportedException(
                    $"{name} field {i} is {fields[i].Name}: {types.Describe(fields[i].Type)}; this decoder expects {expected.Name} ({expected.Shape}). The runtime changed the layout.");
            }
        }
    }

    private sealed record ExpectedField(string Name, FieldShape Shape, int Size = 0);
}
