namespace Loosh.Evaluation.Tests.Embeddings;

/// <summary>
/// Writes the smallest valid ONNX graphs, an Identity from the first input to one output, so tests can hand the
/// embedder graphs of the wrong shape without storing model files. The bytes follow onnx.proto (protobuf wire format).
/// </summary>
internal static class TinyOnnxModel
{
    public const int Float = 1;
    public const int Int64 = 7;

    /// <summary>
    /// A graph whose output copies its first input; every tensor has <paramref name="rank"/> dimensions, [1, 4, …, 4]
    /// (equal ranks keep ONNX Runtime's shape inference from discarding the declared output shape).
    /// </summary>
    public static void Write(string path, (string Name, int ElementType)[] inputs, string output, int rank = 2)
    {
        var graph = new List<byte>();
        Field(graph, 1, Node(inputs[0].Name, output));
        Field(graph, 2, Text("tiny"));
        foreach (var (name, elementType) in inputs)
        {
            Field(graph, 11, ValueInfo(name, elementType, rank));
        }
        Field(graph, 12, ValueInfo(output, inputs[0].ElementType, rank));

        var model = new List<byte>();
        VarintField(model, 1, 8); // ir_version
        Field(model, 7, [.. graph]);
        var opset = new List<byte>();
        VarintField(opset, 2, 13);
        Field(model, 8, [.. opset]);
        File.WriteAllBytes(path, [.. model]);
    }

    private static byte[] Node(string input, string output)
    {
        var node = new List<byte>();
        Field(node, 1, Text(input));
        Field(node, 2, Text(output));
        Field(node, 4, Text("Identity"));
        return [.. node];
    }

    private static byte[] ValueInfo(string name, int elementType, int rank)
    {
        var shape = new List<byte>();
        for (var i = 0; i < rank; i++)
        {
            var dimension = new List<byte>();
            VarintField(dimension, 1, i == 0 ? 1 : 4);
            Field(shape, 1, [.. dimension]);
        }
        var tensor = new List<byte>();
        VarintField(tensor, 1, elementType);
        Field(tensor, 2, [.. shape]);
        var type = new List<byte>();
        Field(type, 1, [.. tensor]);
        var info = new List<byte>();
        Field(info, 1, Text(name));
        Field(info, 2, [.. type]);
        return [.. info];
    }

    private static byte[] Text(string value) => System.Text.Encoding.UTF8.GetBytes(value);

    private static void Field(List<byte> message, int number, byte[] payload)
    {
        Varint(message, ((ulong)number << 3) | 2);
        Varint(message, (ulong)payload.Length);
        message.AddRange(payload);
    }

    private static void VarintField(List<byte> message, int number, long value)
    {
        Varint(message, (ulong)number << 3);
        Varint(message, (ulong)value);
    }

    private static void Varint(List<byte> message, ulong value)
    {
        while (value >= 0x80)
        {
            message.Add((byte)(value | 0x80));
            value >>= 7;
        }
        message.Add((byte)value);
    }
}
