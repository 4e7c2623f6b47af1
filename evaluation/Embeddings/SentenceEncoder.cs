using Loosh.Evaluation.Vectors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// One ONNX Runtime session over a sentence-transformers BERT-family graph: token ids in, one unit vector per
/// sequence out (mean of the token states over the real tokens, then L2-normalised). Not thread-safe by design: the
/// embedding queue's single worker is its only caller.
/// </summary>
internal sealed class SentenceEncoder : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    // Exports name the per-token states either way; the pooled output some graphs also carry is not the embedding.
    private static readonly string[] TokenStateOutputs = ["last_hidden_state", "token_embeddings"];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly bool _takesTokenTypes;
    private readonly string[] _outputNames;

    private SentenceEncoder(InferenceSession session, bool takesTokenTypes, string outputName, int dimensions)
    {
        _session = session;
        _takesTokenTypes = takesTokenTypes;
        _outputNames = [outputName];
        Dimensions = dimensions;
    }

    /// <summary>Length of every vector.</summary>
    public int Dimensions { get; }

    /// <summary>Loads the graph and checks that its inputs and outputs are those of a sentence encoder.</summary>
    /// <exception cref="InvalidDataException">The graph's inputs or outputs do not fit.</exception>
    public static SentenceEncoder Open(string modelPath, int intraOpNumThreads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpNumThreads,
            // One run at a time comes from the queue; parallelism lives inside the operators.
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var session = Load(modelPath, options);
        try
        {
            var takesTokenTypes = CheckInputs(session.InputMetadata, modelPath);
            var (outputName, dimensions) = FindTokenStates(session.OutputMetadata, modelPath);
            return new SentenceEncoder(session, takesTokenTypes, outputName, dimensions);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>One unit vector per sequence, in order. Sequences are padded to the longest with <paramref name="paddingId"/>.</summary>
    public float[][] Encode(IReadOnlyList<int[]> sequences, int paddingId)
    {
        var batch = sequences.Count;
        var width = sequences.Max(s => s.Length);
        var ids = new long[batch * width];
        var mask = new long[batch * width];
        for (var row = 0; row < batch; row++)
        {
            var sequence = sequences[row];
            var offset = row * width;
            for (var column = 0; column < width; column++)
            {
                var real = column < sequence.Length;
                ids[offset + column] = real ? sequence[column] : paddingId;
                mask[offset + column] = real ? 1 : 0;
            }
        }

        long[] shape = [batch, width];
        var names = new List<string>(3) { InputIds, AttentionMask };
        using var idValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        // BERT graphs require segment ids; a single sentence is all segment 0.
        using var typeValue = _takesTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[batch * width], shape) : null;
        var values = new List<OrtValue>(3) { idValue, maskValue };
        if (typeValue is not null)
        {
            names.Add(TokenTypeIds);
            values.Add(typeValue);
        }

        using var outputs = _session.Run(_runOptions, names, values, _outputNames);
        return Pool(outputs[0].GetTensorDataAsSpan<float>(), sequences, width);
    }

    /// <summary>Makes the run in progress, and any later one, stop with an exception; for shutting down.</summary>
    public void Abort() => _runOptions.Terminate = true;

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>
    /// Mean of each sequence's token states over its real tokens (padding is always at the end), then unit length.
    /// Padded positions never enter the sum, so a vector does not depend on what else shared its batch.
    /// </summary>
    private float[][] Pool(ReadOnlySpan<float> states, IReadOnlyList<int[]> sequences, int width)
    {
        var vectors = new float[sequences.Count][];
        var sums = new double[Dimensions];
        var mean = new float[Dimensions];
        for (var row = 0; row < sequences.Count; row++)
        {
            Array.Clear(sums);
            var length = sequences[row].Length;
            for (var token = 0; token < length; token++)
            {
                var state = states.Slice(((row * width) + token) * Dimensions, Dimensions);
                for (var d = 0; d < Dimensions; d++)
                {
                    sums[d] += state[d];
                }
            }
            for (var d = 0; d < Dimensions; d++)
            {
                mean[d] = (float)(sums[d] / length);
            }
            vectors[row] = VectorMath.Normalize(mean);
        }
        return vectors;
    }

    private static InferenceSession Load(string modelPath, SessionOptions options)
    {
        try
        {
            return new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InvalidDataException($"{modelPath} is not a loadable ONNX graph: {exception.Message}", exception);
        }
    }

    private static bool CheckInputs(IReadOnlyDictionary<string, NodeMetadata> inputs, string modelPath)
    {
        foreach (var (name, metadata) in inputs)
        {
            if (name is not (InputIds or AttentionMask or TokenTypeIds))
            {
                throw new InvalidDataException(
                    $"{modelPath} has an input '{name}'; a sentence encoder takes only {InputIds}, {AttentionMask} and optionally {TokenTypeIds}.");
            }
            if (metadata.ElementDataType != TensorElementType.Int64)
            {
                throw new InvalidDataException($"{modelPath} takes {name} as {metadata.ElementDataType}; int64 is expected.");
            }
        }
        foreach (var required in (ReadOnlySpan<string>)[InputIds, AttentionMask])
        {
            if (!inputs.ContainsKey(required))
            {
                throw new InvalidDataException($"{modelPath} has no '{required}' input; its inputs are {string.Join(", ", inputs.Keys)}.");
            }
        }
        return inputs.ContainsKey(TokenTypeIds);
    }

    private static (string Name, int Dimensions) FindTokenStates(IReadOnlyDictionary<string, NodeMetadata> outputs, string modelPath)
    {
        var name = TokenStateOutputs.FirstOrDefault(outputs.ContainsKey)
            ?? throw new InvalidDataException(
                $"{modelPath} has no per-token output ({string.Join(" or ", TokenStateOutputs)}); its outputs are {string.Join(", ", outputs.Keys)}.");
        var shape = outputs[name].Dimensions;
        if (shape.Length != 3 || shape[2] <= 0)
        {
            throw new InvalidDataException(
                $"{modelPath} output '{name}' has shape [{string.Join(", ", shape)}]; [batch, sequence, dimensions] with fixed dimensions is expected.");
        }
        return (name, shape[2]);
    }
}
