using Loosh.Evaluation.Embeddings;

namespace Loosh.Evaluation.Tests.Embeddings;

/// <summary>Bad settings and unusable model folders fail at creation with errors that say what is wrong.</summary>
public sealed class EmbedderOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loosh-model-").FullName;

    public static TheoryData<EmbedderOptions, string> OutOfRange => new()
    {
        { new EmbedderOptions { IntraOpNumThreads = -1 }, "IntraOpNumThreads" },
        { new EmbedderOptions { MaxBatchSize = 0 }, "MaxBatchSize" },
        { new EmbedderOptions { MaxSequenceLength = 1 }, "MaxSequenceLength" },
        { new EmbedderOptions { QueueCapacity = 0 }, "QueueCapacity" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Out_of_range_settings_name_the_setting(EmbedderOptions options, string setting)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxTextEmbedder.Create(options));

        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void A_blank_model_directory_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxTextEmbedder.Create(new EmbedderOptions { ModelDirectory = " " }));

        Assert.Equal("ModelDirectory", error.ParamName);
    }

    [Fact]
    public void A_folder_without_the_graph_names_the_missing_file()
    {
        WriteBertVocabulary();

        var error = Assert.Throws<FileNotFoundException>(() => Create());

        Assert.Equal(Path.Combine(_folder, "model.onnx"), error.FileName);
    }

    [Fact]
    public void A_folder_without_the_vocabulary_names_the_missing_file()
    {
        TinyOnnxModel.Write(Path.Combine(_folder, "model.onnx"), [("input_ids", TinyOnnxModel.Int64)], "last_hidden_state", 3);

        var error = Assert.Throws<FileNotFoundException>(() => Create());

        Assert.Equal(Path.Combine(_folder, "vocab.txt"), error.FileName);
    }

    [Fact]
    public void A_file_that_is_not_an_onnx_graph_is_rejected()
    {
        WriteBertVocabulary();
        File.WriteAllText(Path.Combine(_folder, "model.onnx"), "not a graph");

        var error = Assert.Throws<InvalidDataException>(() => Create());

        Assert.Contains("is not a loadable ONNX graph", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_with_foreign_inputs_is_rejected()
    {
        WriteBertVocabulary();
        TinyOnnxModel.Write(Path.Combine(_folder, "model.onnx"), [("pixel_values", TinyOnnxModel.Float)], "last_hidden_state", 3);

        var error = Assert.Throws<InvalidDataException>(() => Create());

        Assert.Contains("'pixel_values'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_without_an_attention_mask_is_rejected()
    {
        WriteBertVocabulary();
        TinyOnnxModel.Write(Path.Combine(_folder, "model.onnx"), [("input_ids", TinyOnnxModel.Int64)], "last_hidden_state", 3);

        var error = Assert.Throws<InvalidDataException>(() => Create());

        Assert.Contains("no 'attention_mask' input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_without_per_token_states_is_rejected()
    {
        WriteBertVocabulary();
        TinyOnnxModel.Write(Path.Combine(_folder, "model.onnx"), [("input_ids", TinyOnnxModel.Int64), ("attention_mask", TinyOnnxModel.Int64)], "logits");

        var error = Assert.Throws<InvalidDataException>(() => Create());

        Assert.Contains("no per-token output", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_whose_token_states_are_not_three_dimensional_is_rejected()
    {
        WriteBertVocabulary();
        TinyOnnxModel.Write(Path.Combine(_folder, "model.onnx"), [("input_ids", TinyOnnxModel.Int64), ("attention_mask", TinyOnnxModel.Int64)], "last_hidden_state");

        var error = Assert.Throws<InvalidDataException>(() => Create());

        Assert.Contains("[batch, sequence, dimensions]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_of_the_right_shape_loads_and_takes_its_name_from_the_folder()
    {
        WriteBertVocabulary();
        TinyOnnxModel.Write(Path.Combine(_folder, "model.onnx"), [("input_ids", TinyOnnxModel.Int64), ("attention_mask", TinyOnnxModel.Int64)], "last_hidden_state", 3);

        using var embedder = Create();

        Assert.Equal(Path.GetFileName(_folder), embedder.ModelName);
        Assert.Equal(4, embedder.Dimensions);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private OnnxTextEmbedder Create() => OnnxTextEmbedder.Create(new EmbedderOptions { ModelDirectory = _folder, IntraOpNumThreads = 1 });

    private void WriteBertVocabulary() =>
        File.WriteAllLines(Path.Combine(_folder, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello"]);
}
