using System.Diagnostics;
using System.Text.Json;
using Loosh.Tests.Shared;

namespace Loosh.Cli.Tests;

/// <summary>
/// <c>loosh evaluate</c> on the example challenge with the bundled model, run in process like the other commands; only
/// the stdin case runs the built command as a child process, because the command reads the process's own stdin.
/// </summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private static readonly string Example = Path.Combine(RepositoryRoot.Path, "examples", "challenge-answers.json");
    private readonly string _folder = Directory.CreateTempSubdirectory("loosh-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Example_challenge_prints_the_full_evaluation_as_json()
    {
        var (code, output, error) = await RunAsync("evaluate", "--input", Example);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("3f6c1c52-5d0e-4c7a-9a51-2f4f0f2b9c11", root.GetProperty("challenge_id").GetString());
        Assert.Equal("reference", root.GetProperty("profile").GetString());
        Assert.Equal("all-MiniLM-L6-v2", root.GetProperty("model").GetString());
        Assert.Equal("consensus", root.GetProperty("path").GetString());
        var answers = root.GetProperty("answers").EnumerateArray().ToArray();
        Assert.Equal([11, 22, 33, 44, 55], answers.Select(a => a.GetProperty("uid").GetInt32()));
        Assert.Equal(answers.Select(a => a.GetProperty("hotkey").GetString()), root.GetProperty("emissions").EnumerateObject().Select(p => p.Name));
        // The test-mode answer (55) earns 0; the off-topic answer (44) is out of consensus yet the fastest, so the
        // reference profile makes it the best miner (evaluation.md E7).
        Assert.True(answers[4].GetProperty("test_mode").GetBoolean());
        Assert.Equal(0.0, answers[4].GetProperty("emission").GetDouble());
        var consensus = root.GetProperty("consensus");
        Assert.Equal([11, 22, 33], UidsOf(answers, consensus.GetProperty("in_consensus")));
        Assert.Equal([44], UidsOf(answers, consensus.GetProperty("quality_filtered")));
        Assert.Equal(answers[3].GetProperty("hotkey").GetString(), root.GetProperty("best_miner").GetString());
        Assert.Equal(consensus.GetProperty("theta").GetDouble(), root.GetProperty("consensus_score").GetDouble());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("sybil").ValueKind);
    }

    [Fact]
    public async Task Quality_gated_profile_pays_the_off_topic_answer_nothing()
    {
        var (code, output, error) = await RunAsync("evaluate", "--input", Example, "--profile", "Quality-Gated");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("quality-gated", json.RootElement.GetProperty("profile").GetString());
        var offTopic = json.RootElement.GetProperty("answers")[3];
        Assert.Equal(44, offTopic.GetProperty("uid").GetInt32());
        Assert.Equal(0.0, offTopic.GetProperty("emission").GetDouble());
    }

    [Fact]
    public async Task Same_input_twice_gives_byte_identical_output_and_heatmap()
    {
        var firstPng = Path.Combine(_folder, "first.png");
        var secondPng = Path.Combine(_folder, "second.png");

        var first = await RunAsync("evaluate", "--input", Example, "--heatmap", firstPng);
        var second = await RunAsync("evaluate", "--input", Example, "--heatmap", secondPng);

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(await File.ReadAllBytesAsync(firstPng), await File.ReadAllBytesAsync(secondPng));
    }

    [Fact]
    public async Task Heatmap_option_writes_a_png()
    {
        var png = Path.Combine(_folder, "heatmap.png");

        var (code, _, error) = await RunAsync("evaluate", "--input", Example, "--heatmap", png);

        Assert.True(code == 0, error);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 1000, $"{bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
    }

    [Theory]
    [InlineData("not json at all", "is not a valid challenge")]
    [InlineData("""{"prompt": "Why?"}""", "\"answers\" is missing")]
    [InlineData("""{"prompt": "Why?", "answers": [{"hotkey": "a", "text": "x", "response_time_ms": 5}]}""", "answers[0].uid is missing")]
    [InlineData("""{"prompt": "Why?", "answers": [{"hotkey": "a", "uid": 1, "text": "x"}]}""", "answers[0].response_time_ms is missing")]
    [InlineData("""{"prompt": "Why?", "answers": [{"uid": 1, "text": "x", "response_time_ms": 5}]}""", "answers[0].hotkey is missing")]
    [InlineData("""{"prompt": "Why?", "answers": [{"hotkey": "a", "uid": 1, "response_time_ms": 5}, {"hotkey": "a", "uid": 2, "response_time_ms": 6}]}""",
        "hotkey a answers more than once")]
    [InlineData("""{"prompt": "Why?", "answers": [null]}""", "answers[0] is null")]
    [InlineData("""{"messages": [null], "answers": []}""", "messages[0] is null")]
    public async Task Bad_input_is_refused_with_one_line_naming_the_problem(string content, string problem)
    {
        var path = Path.Combine(_folder, "input.json");
        await File.WriteAllTextAsync(path, content);

        var (code, output, error) = await RunAsync("evaluate", "--input", path);

        AssertRefused(code, output, error, problem);
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_without_hotkeys_are_reported_once_each_and_not_as_duplicates()
    {
        var path = Path.Combine(_folder, "input.json");
        await File.WriteAllTextAsync(path, """{"prompt": "Why?", "answers": [{"uid": 1, "response_time_ms": 5}, {"uid": 2, "response_time_ms": 6}]}""");

        var (code, output, error) = await RunAsync("evaluate", "--input", path);

        AssertRefused(code, output, error, "answers[0].hotkey is missing; answers[1].hotkey is missing");
        Assert.DoesNotContain("more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unwritable_heatmap_path_is_refused_naming_the_path()
    {
        var png = Path.Combine(_folder, "absent-folder", "heatmap.png");

        var (code, output, error) = await RunAsync("evaluate", "--input", Example, "--heatmap", png);

        AssertRefused(code, output, error, $"cannot write {png}");
    }

    [Fact]
    public async Task A_missing_input_file_is_refused_naming_the_file()
    {
        var path = Path.Combine(_folder, "absent.json");

        var (code, output, error) = await RunAsync("evaluate", "--input", path);

        AssertRefused(code, output, error, $"cannot read {path}");
    }

    [Fact]
    public async Task A_model_folder_without_a_model_is_refused_naming_the_missing_file()
    {
        var (code, output, error) = await RunAsync("evaluate", "--input", Example, "--model-dir", _folder);

        AssertRefused(code, output, error, "cannot load the embedding model");
        Assert.Contains($"model.onnx not found in {_folder}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_profile_is_refused_listing_the_known_ones()
    {
        var (code, output, error) = await RunAsync("evaluate", "--input", Example, "--profile", "fastest");

        AssertRefused(code, output, error, "Unknown scoring profile 'fastest'");
        Assert.Contains("reference, quality-gated", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_from_stdin_with_a_dash_gives_the_same_output_as_the_file()
    {
        var (_, fromFile, _) = await RunAsync("evaluate", "--input", Example);
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "loosh.dll"), "evaluate", "--input", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The command reads .env from its working folder and falls back to these variables; keep both out.
            WorkingDirectory = _folder,
        };
        start.Environment.Remove("SCORING_PROFILE");
        start.Environment.Remove("EMBEDDING_MODEL_PATH");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(await File.ReadAllTextAsync(Example));
        process.StandardInput.Close();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal(fromFile, await stdout);
    }

    private static void AssertRefused(int code, string output, string error, string problem)
    {
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    private static int[] UidsOf(JsonElement[] answers, JsonElement hotkeys) =>
        [.. hotkeys.EnumerateArray().Select(h => answers.Single(a => a.GetProperty("hotkey").GetString() == h.GetString()).GetProperty("uid").GetInt32())];

    /// <summary>The dotnet host running these tests (the test host is started by it), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new Dictionary<string, string>(), output, error);
        return (code, output.ToString(), error.ToString());
    }
}
