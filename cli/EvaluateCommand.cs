using System.Text.Json;
using System.Text.Json.Serialization;
using Loosh.Evaluation.Embeddings;
using Loosh.Evaluation.Recording;
using Loosh.Evaluation.Scoring;

namespace Loosh.Cli;

/// <summary>
/// <c>loosh evaluate</c>: scores a challenge's answers exactly as the validator does and prints the full result as
/// JSON — for operators checking a disputed score and for comparing against other validators. The output depends only
/// on the input file, the profile and the model, never on the clock or the machine.
/// </summary>
internal static class EvaluateCommand
{
    private static readonly JsonSerializerOptions InputJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonSerializerOptions OutputJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Largest input accepted; a challenge with seven long answers is far below it.</summary>
    private const long MaxInputBytes = 16 * 1024 * 1024;

    public static async Task<int> RunAsync(CliOptions options, TextWriter output)
    {
        var input = await ReadInputAsync(options.Required("input")).ConfigureAwait(false);
        var profile = Profile(options.Text("profile", "SCORING_PROFILE") ?? ScoringProfile.Reference.Name);
        var request = input.ToRequest();

        await using var embedder = LoadEmbedder(options.Text("model-dir", "EMBEDDING_MODEL_PATH"));
        var report = await new ChallengeEvaluator(embedder, profile).EvaluateAsync(request).ConfigureAwait(false);

        if (options.Text("heatmap") is { } heatmapPath)
        {
            if (report.SimilarityHotkeys.Count < 2)
            {
                throw new CliException($"no heatmap: {report.SimilarityHotkeys.Count} answer(s) were compared, a heatmap needs two");
            }
            var png = SimilarityHeatmap.RenderPng(EvaluationHeatmap.Request(report, input.Timestamp ?? DateTimeOffset.UnixEpoch));
            try
            {
                await File.WriteAllBytesAsync(heatmapPath, png).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot write {heatmapPath}: {e.Message}");
            }
        }
        await output.WriteLineAsync(EvaluationJson.Write(report).ToJsonString(OutputJson)).ConfigureAwait(false);
        return 0;
    }

    private static OnnxTextEmbedder LoadEmbedder(string? modelDirectory)
    {
        try
        {
            return OnnxTextEmbedder.Create(new EmbedderOptions { ModelDirectory = modelDirectory });
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            // A wrong --model-dir is an operator's mistake: one line naming it, not a stack trace.
            throw new CliException($"cannot load the embedding model: {e.Message}");
        }
    }

    private static ScoringProfile Profile(string name)
    {
        try
        {
            return ScoringProfile.Parse(name);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static async Task<EvaluationInput> ReadInputAsync(string path)
    {
        Stream stream;
        try
        {
            stream = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {path}: {e.Message}");
        }
        await using (stream.ConfigureAwait(false))
        {
            if (stream.CanSeek && stream.Length > MaxInputBytes)
            {
                throw new CliException($"{path} is larger than {MaxInputBytes / (1024 * 1024)} MiB");
            }
            try
            {
                var input = await JsonSerializer.DeserializeAsync<EvaluationInput>(stream, InputJson).ConfigureAwait(false)
                    ?? throw new CliException($"{path} holds JSON null, not a challenge");
                input.Validate(path);
                return input;
            }
            catch (JsonException e)
            {
                throw new CliException($"{path} is not a valid challenge: {e.Message}");
            }
        }
    }
}

/// <summary>The input of <c>loosh evaluate</c>: a challenge (prompt or messages) and its answers.</summary>
internal sealed record EvaluationInput(
    string? ChallengeId,
    string? Prompt,
    IReadOnlyList<EvaluationInputMessage>? Messages,
    IReadOnlyList<EvaluationInputAnswer>? Answers,
    DateTimeOffset? Timestamp)
{
    public void Validate(string path)
    {
        if (Answers is null)
        {
            throw new CliException($"{path}: \"answers\" is missing");
        }
        // JSON null elements deserialize as null records; they are reported, not dereferenced.
        var problems = (Messages ?? [])
            .Select((m, i) => (m, i))
            .Where(x => x.m is null)
            .Select(x => $"messages[{x.i}] is null")
            .Concat(Answers
                .Select((a, i) => (a, i))
                .SelectMany(x => x.a is null ? [$"answers[{x.i}] is null"] : x.a.Problems().Select(p => $"answers[{x.i}].{p}")))
            // Missing hotkeys are already reported above; grouping them would add a bogus "hotkey  answers more than once".
            .Concat(Answers
                .Where(a => !string.IsNullOrWhiteSpace(a?.Hotkey))
                .GroupBy(a => a.Hotkey)
                .Where(g => g.Count() > 1)
                .Select(g => $"hotkey {g.Key} answers more than once"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new CliException($"{path}: {string.Join("; ", problems)}");
        }
    }

    public EvaluationRequest ToRequest() => new(
        ChallengeId ?? "cli",
        EvaluationRequest.PromptOf(Prompt, Messages?.Select(m => (m.Role ?? string.Empty, m.Content))),
        [.. Answers!.Select(a => new AnswerToEvaluate(a.Hotkey!, a.Uid!.Value, a.Text, a.ResponseTimeMs!.Value, a.Ip, a.Coldkey))]);
}

/// <summary>One chat message of the input.</summary>
internal sealed record EvaluationInputMessage(string? Role, string? Content);

/// <summary>One answer of the input; <see cref="Text"/> may be null (scored as an empty answer).</summary>
internal sealed record EvaluationInputAnswer(string? Hotkey, int? Uid, string? Text, double? ResponseTimeMs, string? Ip, string? Coldkey)
{
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Hotkey))
        {
            yield return "hotkey is missing";
        }
        if (Uid is null or < 0)
        {
            yield return "uid is missing or negative";
        }
        if (ResponseTimeMs is not { } ms || !double.IsFinite(ms) || ms < 0)
        {
            yield return "response_time_ms is missing, negative or not a number";
        }
    }
}
