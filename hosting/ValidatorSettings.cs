using Microsoft.Extensions.Logging;

namespace Loosh.Hosting;

public enum SiloMode
{
    /// <summary>One silo that also serves the HTTP API: for a person running the validator on one machine.</summary>
    Local,
    /// <summary>A member of a silo cluster; the HTTP API runs in separate gateway processes.</summary>
    Cluster,
}

public enum ChallengeIntake
{
    Push,
    Pull,
}

/// <summary>
/// Every setting of the validator, read from the environment and a <c>.env</c> file with the reference's
/// variable names, and validated as a whole before anything starts. See README.md for the table.
/// </summary>
public sealed record ValidatorSettings
{
    public required int Netuid { get; init; }
    public required string SubtensorNetwork { get; init; }
    public required Uri? SubtensorAddress { get; init; }
    public required string WalletName { get; init; }
    public required string HotkeyName { get; init; }
    /// <summary>The wallets folder (btwallet layout) from WALLET_PATH; null means the default, ~/.bittensor/wallets.</summary>
    public required string? WalletPath { get; init; }
    /// <summary>Password of a $NACL-encrypted hotkey file, from HOTKEY_PASSWORD; null for plain hotkey files.</summary>
    public required string? HotkeyPassword { get; init; }
    public required int MinMiners { get; init; }
    public required int MaxMiners { get; init; }
    public required ChallengeIntake ChallengeMode { get; init; }
    public required TimeSpan ChallengeInterval { get; init; }
    public required TimeSpan ChallengeTimeout { get; init; }
    public required TimeSpan EvaluationTimeout { get; init; }
    public required double ScoreThreshold { get; init; }
    public required TimeSpan WeightsInterval { get; init; }
    public required Uri ChallengeApiUrl { get; init; }
    public required string? ChallengeApiKey { get; init; }
    public required string ApiHost { get; init; }
    public required int ApiPort { get; init; }
    public required Uri? HeatmapUploadUrl { get; init; }
    public required Uri? LlmApiUrl { get; init; }
    public required string? LlmModel { get; init; }
    public required string? LlmApiKey { get; init; }
    public required bool TestMode { get; init; }
    public required LogLevel LogLevel { get; init; }
    /// <summary>Npgsql connection string, from DATABASE_URL or DATABASE_CONNECTION_STRING.</summary>
    public required string DatabaseConnectionString { get; init; }
    public required SiloMode SiloMode { get; init; }
    public required string ClusterId { get; init; }
    public required string ServiceId { get; init; }
    public required int SiloPort { get; init; }
    public required int GatewayPort { get; init; }
    /// <summary>The address other silos and clients use to reach this silo (cluster mode outside Kubernetes); null = this host's address.</summary>
    public required System.Net.IPAddress? SiloAdvertisedIp { get; init; }
    /// <summary>Orleans' Kubernetes hosting for cluster silos: null = when running in a pod (KUBERNETES_SERVICE_HOST set).</summary>
    public required bool? KubernetesHosting { get; init; }
    public required TimeSpan ReminderMinimumPeriod { get; init; }
    public required int MaxRequestBodyBytes { get; init; }
    public required int MaxConcurrentChallenges { get; init; }

    /// <summary>SCORING_PROFILE: "reference" (the reference's scoring, default) or "quality-gated" (opt-in improvements, see README).</summary>
    public required string ScoringProfile { get; init; }

    /// <summary>EMBEDDING_MODEL_PATH: a folder with another sentence-transformers model.onnx + vocab.txt; unset = the bundled all-MiniLM-L6-v2.</summary>
    public required string? EmbeddingModelPath { get; init; }

    /// <summary>EMBEDDING_THREADS: ONNX Runtime intra-op threads for the embedder (0 = one per core).</summary>
    public required int EmbeddingThreads { get; init; }

    /// <summary>ENABLE_HEATMAP_GENERATION: render each challenge's similarity heatmap and upload it with the batch (reference: off).</summary>
    public required bool HeatmapEnabled { get; init; }

    /// <summary>ENABLE_NARRATIVE_GENERATION: ask the LLM at LLM_API_URL for a narrative of each consensus (reference: off).</summary>
    public required bool NarrativeEnabled { get; init; }
    /// <summary>How long ledger challenges (with their answers and evaluations) and delivered outbox rows are kept, from LEDGER_RETENTION_HOURS.</summary>
    public required TimeSpan LedgerRetention { get; init; }
    /// <summary>Bearer token for POST /set_running; when unset only loopback clients may call it.</summary>
    public required string? AdminApiKey { get; init; }
    /// <summary>
    /// SS58 hotkeys of the Challenge API, the only ones allowed to exchange Fiber keys with us and push challenges;
    /// empty refuses every exchange (the reference accepted anyone, protocols.md §10 item 1).
    /// </summary>
    public IReadOnlyList<string> ChallengeApiHotkeys { get; init; } = [];

    /// <summary>SS58 hotkeys whose signed requests (X-Hotkey, X-Nonce, X-Signature) may use the admin endpoints, from ADMIN_HOTKEYS.</summary>
    public IReadOnlyList<string> AdminHotkeys { get; init; } = [];

    /// <summary>Reads the settings from the process environment, then <paramref name="dotEnvPath"/> for anything the environment leaves unset.</summary>
    /// <exception cref="SettingsException">One or more settings are invalid or missing.</exception>
    public static ValidatorSettings Load(string dotEnvPath = ".env") =>
        FromValues(SettingsSources.Merge(Environment.GetEnvironmentVariables(), SettingsSources.ReadDotEnv(dotEnvPath)));

    /// <summary>Parses and validates settings from a name → value map (names compared case-insensitively).</summary>
    /// <exception cref="SettingsException">One or more settings are invalid or missing.</exception>
    public static ValidatorSettings FromValues(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var caseInsensitive = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            caseInsensitive[name] = value;
        }
        var read = new SettingsReader(caseInsensitive);
        var reminderMinimum = TimeSpan.FromSeconds(read.Int("REMINDER_MINIMUM_PERIOD_SECONDS", 60, 1, 3600));
        var challengeMode = read.Choice("CHALLENGE_MODE", ChallengeIntake.Push,
            new Dictionary<string, ChallengeIntake> { ["push"] = ChallengeIntake.Push, ["pull"] = ChallengeIntake.Pull });
        var minMiners = read.Int("MIN_MINERS", 3, 1, 256);
        var maxMiners = read.Int("MAX_MINERS", 7, 1, 256);
        if (minMiners > maxMiners)
        {
            read.Error($"MIN_MINERS={minMiners} is larger than MAX_MINERS={maxMiners}; expected MIN_MINERS <= MAX_MINERS");
        }

        var settings = new ValidatorSettings
        {
            Netuid = read.Int("NETUID", 78, 0, ushort.MaxValue),
            SubtensorNetwork = read.Choice("SUBTENSOR_NETWORK", "finney", new Dictionary<string, string>
            {
                ["finney"] = "finney",
                ["test"] = "test",
                ["local"] = "local",
                ["archive"] = "archive",
            }),
            SubtensorAddress = read.Url("SUBTENSOR_ADDRESS", null, "ws", "wss"),
            WalletName = read.FileName("WALLET_NAME", "validator"),
            HotkeyName = read.FileName("HOTKEY_NAME", "validator"),
            WalletPath = read.OptionalText("WALLET_PATH"),
            HotkeyPassword = read.OptionalText("HOTKEY_PASSWORD"),
            MinMiners = minMiners,
            MaxMiners = maxMiners,
            ChallengeMode = challengeMode,
            // Only pull mode uses the challenge interval, and Orleans reminders have a minimum period.
            ChallengeInterval = Seconds(read, "CHALLENGE_INTERVAL_SECONDS", 300,
                challengeMode == ChallengeIntake.Pull ? (int)reminderMinimum.TotalSeconds : 1, 86_400),
            ChallengeTimeout = Seconds(read, "CHALLENGE_TIMEOUT_SECONDS", 60, 1, 3600),
            EvaluationTimeout = Seconds(read, "EVALUATION_TIMEOUT_SECONDS", 60, 1, 3600),
            ScoreThreshold = read.Double("SCORE_THRESHOLD", 0.7, 0, 1),
            WeightsInterval = Seconds(read, "WEIGHTS_INTERVAL_SECONDS", 4320, (int)reminderMinimum.TotalSeconds, 7 * 86_400),
            ChallengeApiUrl = read.Url("CHALLENGE_API_URL", "http://localhost:8080", "http", "https")!,
            ChallengeApiKey = read.OptionalText("CHALLENGE_API_KEY"),
            ApiHost = read.Text("API_HOST", "0.0.0.0"),
            ApiPort = read.Int("API_PORT", 8000, 1, ushort.MaxValue),
            HeatmapUploadUrl = read.Url("HEATMAP_UPLOAD_URL", null, "http", "https"),
            LlmApiUrl = read.Url(read.IsSet("LLM_API_URL") ? "LLM_API_URL" : "OPENAI_API_URL", null, "http", "https"),
            LlmModel = read.OptionalText("LLM_MODEL") ?? read.OptionalText("OPENAI_MODEL"),
            LlmApiKey = read.OptionalText("LLM_API_KEY") ?? read.OptionalText("OPENAI_API_KEY"),
            TestMode = read.Bool("TEST_MODE", false),
            LogLevel = read.Choice("LOG_LEVEL", LogLevel.Information, LogLevels),
            DatabaseConnectionString = DatabaseConnection.Read(read),
            SiloMode = read.Choice("SILO_MODE", SiloMode.Local,
                new Dictionary<string, SiloMode> { ["local"] = SiloMode.Local, ["cluster"] = SiloMode.Cluster }),
            ClusterId = read.LabelValue("ORLEANS_CLUSTER_ID", "loosh"),
            ServiceId = read.LabelValue("ORLEANS_SERVICE_ID", "loosh-validator"),
            SiloPort = read.Int("SILO_PORT", 11111, 1, ushort.MaxValue),
            GatewayPort = read.Int("GATEWAY_PORT", 30000, 1, ushort.MaxValue),
            SiloAdvertisedIp = read.IpAddress("SILO_ADVERTISED_IP"),
            KubernetesHosting = read.Choice<bool?>("KUBERNETES_HOSTING", null,
                new Dictionary<string, bool?> { ["auto"] = null, ["on"] = true, ["off"] = false }),
            ReminderMinimumPeriod = reminderMinimum,
            MaxRequestBodyBytes = read.Int("MAX_REQUEST_BODY_BYTES", 1 << 20, 1024, 64 << 20),
            MaxConcurrentChallenges = read.Int("MAX_CONCURRENT_CHALLENGES", 15, 1, 1024),
            ScoringProfile = read.Choice("SCORING_PROFILE", "reference", new Dictionary<string, string>
            {
                ["reference"] = "reference",
                ["quality-gated"] = "quality-gated",
            }),
            EmbeddingModelPath = read.OptionalText("EMBEDDING_MODEL_PATH"),
            EmbeddingThreads = read.Int("EMBEDDING_THREADS", 2, 0, 64),
            HeatmapEnabled = read.Bool("ENABLE_HEATMAP_GENERATION", false),
            NarrativeEnabled = read.Bool("ENABLE_NARRATIVE_GENERATION", false),
            // The reference keeps 48 h; the EMA reads 24 h back, so a shorter window would starve the weights.
            LedgerRetention = TimeSpan.FromHours(read.Int("LEDGER_RETENTION_HOURS", 48, 24, 24 * 365)),
            AdminApiKey = read.OptionalText("ADMIN_API_KEY"),
            ChallengeApiHotkeys = Hotkeys(read, "CHALLENGE_API_HOTKEYS"),
            AdminHotkeys = Hotkeys(read, "ADMIN_HOTKEYS"),
        };

        if (System.Net.IPAddress.TryParse(settings.ApiHost, out _) is false && Uri.CheckHostName(settings.ApiHost) == UriHostNameType.Unknown)
        {
            read.Fail("API_HOST", settings.ApiHost, "an IP address or a host name", settings.ApiHost);
        }

        return read.Errors.Count == 0 ? settings : throw new SettingsException(read.Errors);
    }

    private static readonly Dictionary<string, LogLevel> LogLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        // The reference's Python level names, then the .NET names.
        ["DEBUG"] = LogLevel.Debug,
        ["INFO"] = LogLevel.Information,
        ["WARNING"] = LogLevel.Warning,
        ["ERROR"] = LogLevel.Error,
        ["CRITICAL"] = LogLevel.Critical,
        ["TRACE"] = LogLevel.Trace,
        ["INFORMATION"] = LogLevel.Information,
    };

    /// <summary>A comma-separated list of SS58 addresses of 32-byte accounts.</summary>
    private static string[] Hotkeys(SettingsReader read, string name)
    {
        var hotkeys = (read.OptionalText(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var hotkey in hotkeys.Where(hotkey => !HotkeyAddress.IsValid(hotkey)))
        {
            read.Fail(name, hotkey, "comma-separated SS58 hotkey addresses", hotkey);
        }
        return hotkeys;
    }

    private static TimeSpan Seconds(SettingsReader read, string name, int fallback, int min, int max) =>
        TimeSpan.FromSeconds(read.Int(name, fallback, min, max));
}

/// <summary>The settings cannot be used; <see cref="Exception.Message"/> is one line naming every bad variable.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(IReadOnlyList<string> problems)
        : base("Invalid configuration: " + string.Join("; ", problems) + ".") => Problems = problems;

    public SettingsException() : this(["unknown problem"]) { }
    public SettingsException(string message) : this([message]) { }
    public SettingsException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
