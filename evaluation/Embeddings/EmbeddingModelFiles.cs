using System.Security.Cryptography;

namespace Loosh.Evaluation.Embeddings;

/// <summary>
/// The two files of a sentence-transformers ONNX export: the graph (<c>model.onnx</c>) and its WordPiece vocabulary
/// (<c>vocab.txt</c>).
/// </summary>
public sealed class EmbeddingModelFiles
{
    /// <summary>Name of the model the build bundles (embeddings.md §1).</summary>
    public const string BundledModelName = "all-MiniLM-L6-v2";

    // The build extracts the model from a pinned package; any other content means a damaged or replaced file.
    private const string BundledModelSha256 = "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2";

    private EmbeddingModelFiles(string name, string modelPath, string vocabularyPath)
    {
        Name = name;
        ModelPath = modelPath;
        VocabularyPath = vocabularyPath;
    }

    /// <summary>Where the build copies the bundled model: <c>models/all-MiniLM-L6-v2/</c> beside the application.</summary>
    public static string BundledDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "models", BundledModelName);

    /// <summary>The model's name: the folder's name, e.g. <c>all-MiniLM-L6-v2</c>.</summary>
    public string Name { get; }

    /// <summary>Full path of <c>model.onnx</c>.</summary>
    public string ModelPath { get; }

    /// <summary>Full path of <c>vocab.txt</c>.</summary>
    public string VocabularyPath { get; }

    /// <summary>
    /// The files in <paramref name="directory"/>, or the bundled model's when it is null (checked against its known
    /// SHA-256).
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">The bundled model's content is not the expected one.</exception>
    public static EmbeddingModelFiles Locate(string? directory)
    {
        var bundled = directory is null;
        var folder = Path.GetFullPath(directory ?? BundledDirectory);
        var files = new EmbeddingModelFiles(
            Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)),
            RequireFile(folder, "model.onnx", bundled),
            RequireFile(folder, "vocab.txt", bundled));
        if (bundled)
        {
            VerifyBundledModel(files.ModelPath);
        }
        return files;
    }

    private static string RequireFile(string folder, string fileName, bool bundled)
    {
        var path = Path.Combine(folder, fileName);
        if (File.Exists(path))
        {
            return path;
        }
        var hint = bundled
            ? "The build extracts the bundled model into the output folder; build the project that references Loosh.Evaluation (dotnet build)."
            : "A model folder needs the ONNX graph and its WordPiece vocabulary side by side.";
        throw new FileNotFoundException($"Embedding model file {fileName} not found in {folder}. {hint}", path);
    }

    private static void VerifyBundledModel(string modelPath)
    {
        using var stream = File.OpenRead(modelPath);
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (actual != BundledModelSha256)
        {
            throw new InvalidDataException(
                $"{modelPath} has SHA-256 {actual}, not the {BundledModelName} model's {BundledModelSha256}; the file is damaged or was replaced. Delete it and the copy under evaluation/obj/models/, then rebuild.");
        }
    }
}
