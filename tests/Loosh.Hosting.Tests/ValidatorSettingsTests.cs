using System.Net;
using Microsoft.Extensions.Logging;

namespace Loosh.Hosting.Tests;

/// <summary>ValidatorSettings.FromValues: the reference's defaults, and one readable line for every bad value.</summary>
public sealed class ValidatorSettingsTests
{
    [Fact]
    public void Only_DATABASE_URL_gives_the_reference_defaults()
    {
        var settings = ValidatorSettings.FromValues(Values.With());

        Assert.Equal(78, settings.Netuid);
        Assert.Equal(8000, settings.ApiPort);
        Assert.Equal("0.0.0.0", settings.ApiHost);
        Assert.Equal(ChallengeIntake.Push, settings.ChallengeMode);
        Assert.Equal(TimeSpan.FromSeconds(4320), settings.WeightsInterval);
        Assert.Equal(7, settings.MaxMiners);
        Assert.Equal(3, settings.MinMiners);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Equal(SiloMode.Local, settings.SiloMode);
        Assert.Equal(1024 * 1024, settings.MaxRequestBodyBytes);
        Assert.Equal("finney", settings.SubtensorNetwork);
        Assert.Null(settings.SubtensorAddress);
        Assert.Equal("validator", settings.WalletName);
        Assert.Equal("validator", settings.HotkeyName);
        Assert.Equal(TimeSpan.FromSeconds(300), settings.ChallengeInterval);
        Assert.Equal(0.7, settings.ScoreThreshold);
        Assert.Equal(new Uri("http://localhost:8080"), settings.ChallengeApiUrl);
        Assert.False(settings.TestMode);
        Assert.Null(settings.SiloAdvertisedIp);
        Assert.Null(settings.LlmApiUrl);
        Assert.Null(settings.LlmModel);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.ReminderMinimumPeriod);
        Assert.Equal("reference", settings.ScoringProfile);
        Assert.Null(settings.EmbeddingModelPath);
        Assert.Equal(2, settings.EmbeddingThreads);
        Assert.False(settings.HeatmapEnabled);
        Assert.False(settings.NarrativeEnabled);
    }

    [Fact]
    public void Valid_values_are_read()
    {
        var settings = ValidatorSettings.FromValues(Values.With(
            ("NETUID", "12"), ("API_PORT", "9100"), ("API_HOST", "127.0.0.1"), ("CHALLENGE_MODE", "PULL"),
            ("TEST_MODE", "yes"), ("LOG_LEVEL", "debug"), ("SCORE_THRESHOLD", "0.25"), ("WALLET_NAME", "my-wallet_1"),
            ("SUBTENSOR_ADDRESS", "wss://entrypoint-finney.opentensor.ai:443"), ("SILO_MODE", "cluster"),
            ("MIN_MINERS", "5"), ("MAX_MINERS", "5"), ("SCORING_PROFILE", "Quality-Gated"), ("EMBEDDING_MODEL_PATH", "/models/mpnet"),
            ("EMBEDDING_THREADS", "0"), ("ENABLE_HEATMAP_GENERATION", "true"), ("ENABLE_NARRATIVE_GENERATION", "1")));

        Assert.Equal(12, settings.Netuid);
        Assert.Equal(9100, settings.ApiPort);
        Assert.Equal("127.0.0.1", settings.ApiHost);
        Assert.Equal(ChallengeIntake.Pull, settings.ChallengeMode);
        Assert.True(settings.TestMode);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
        Assert.Equal(0.25, settings.ScoreThreshold);
        Assert.Equal("my-wallet_1", settings.WalletName);
        Assert.Equal(new Uri("wss://entrypoint-finney.opentensor.ai:443"), settings.SubtensorAddress);
        Assert.Equal(SiloMode.Cluster, settings.SiloMode);
        Assert.Equal(5, settings.MinMiners);
        Assert.Equal(5, settings.MaxMiners);
        Assert.Equal("quality-gated", settings.ScoringProfile);
        Assert.Equal("/models/mpnet", settings.EmbeddingModelPath);
        Assert.Equal(0, settings.EmbeddingThreads);
        Assert.True(settings.HeatmapEnabled);
        Assert.True(settings.NarrativeEnabled);
    }

    [Theory]
    [InlineData("API_PORT", "abc", "a whole number from 1 to 65535")]
    [InlineData("API_PORT", "70000", "a whole number from 1 to 65535")]
    [InlineData("API_PORT", "0", "a whole number from 1 to 65535")]
    [InlineData("NETUID", "-1", "a whole number from 0 to 65535")]
    [InlineData("TEST_MODE", "maybe", "true or false")]
    [InlineData("CHALLENGE_MODE", "poll", "one of push, pull")]
    [InlineData("LOG_LEVEL", "LOUD", "one of DEBUG, INFO")]
    [InlineData("SCORE_THRESHOLD", "1.5", "a number from 0 to 1")]
    [InlineData("SCORE_THRESHOLD", "NaN", "a number from 0 to 1")]
    [InlineData("WALLET_NAME", "../evil", "not starting with '.'")]
    [InlineData("HOTKEY_NAME", "a/b", "letters, digits")]
    [InlineData("CHALLENGE_API_URL", "ftp://x", "an absolute http or https URL")]
    [InlineData("CHALLENGE_API_URL", "not a url", "an absolute http or https URL")]
    [InlineData("SUBTENSOR_ADDRESS", "http://x", "an absolute ws or wss URL")]
    [InlineData("SUBTENSOR_NETWORK", "mainnet", "one of finney, test, local, archive")]
    [InlineData("SILO_MODE", "swarm", "one of local, cluster")]
    [InlineData("SILO_ADVERTISED_IP", "10.0.0.999", "an IPv4 or IPv6 address")]
    [InlineData("SILO_ADVERTISED_IP", "not-an-ip", "an IPv4 or IPv6 address")]
    [InlineData("MAX_REQUEST_BODY_BYTES", "10", "a whole number from 1024 to")]
    [InlineData("API_HOST", "bad host!", "an IP address or a host name")]
    [InlineData("SCORING_PROFILE", "generous", "one of reference, quality-gated")]
    [InlineData("EMBEDDING_THREADS", "-1", "a whole number from 0 to 64")]
    [InlineData("ENABLE_HEATMAP_GENERATION", "sometimes", "true or false")]
    public void A_bad_value_is_one_line_naming_the_variable_and_what_is_allowed(string name, string value, string allowed)
    {
        var error = Values.Rejected(Values.With((name, value)));

        Assert.Single(error.Problems);
        Assert.Contains($"{name}='{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{name}='{value}' is not allowed; expected ", error.Message, StringComparison.Ordinal);
        Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MIN_MINERS_above_MAX_MINERS_is_rejected()
    {
        var error = Values.Rejected(Values.With(("MIN_MINERS", "6"), ("MAX_MINERS", "4")));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("MIN_MINERS=6", problem, StringComparison.Ordinal);
        Assert.Contains("MAX_MINERS=4", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_bad_values_are_all_reported_in_one_message()
    {
        var error = Values.Rejected(Values.With(
            ("API_PORT", "abc"), ("NETUID", "-1"), ("TEST_MODE", "maybe"), ("LOG_LEVEL", "LOUD"), ("WALLET_NAME", "../evil")));

        Assert.Equal(5, error.Problems.Count);
        foreach (var name in new[] { "API_PORT", "NETUID", "TEST_MODE", "LOG_LEVEL", "WALLET_NAME" })
        {
            Assert.Contains(name + "=", error.Message, StringComparison.Ordinal);
        }
        Assert.StartsWith("Invalid configuration: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_database_and_bad_values_are_reported_together()
    {
        var error = Values.Rejected(Values.Only(("API_PORT", "abc")));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("API_PORT='abc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DATABASE_URL is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_case_insensitive_in_a_case_insensitive_map()
    {
        var settings = ValidatorSettings.FromValues(Values.Only(
            ("database_url", Values.DatabaseUrl), ("api_port", "9001"), ("Netuid", "5")));

        Assert.Equal(9001, settings.ApiPort);
        Assert.Equal(5, settings.Netuid);
    }

    [Fact]
    public void Choice_values_are_case_insensitive()
    {
        var settings = ValidatorSettings.FromValues(Values.With(("CHALLENGE_MODE", "Pull"), ("LOG_LEVEL", "warning"), ("SILO_MODE", "CLUSTER")));

        Assert.Equal(ChallengeIntake.Pull, settings.ChallengeMode);
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
        Assert.Equal(SiloMode.Cluster, settings.SiloMode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_values_count_as_unset(string empty)
    {
        var settings = ValidatorSettings.FromValues(Values.With(("API_PORT", empty), ("NETUID", empty), ("CHALLENGE_MODE", empty)));

        Assert.Equal(8000, settings.ApiPort);
        Assert.Equal(78, settings.Netuid);
        Assert.Equal(ChallengeIntake.Push, settings.ChallengeMode);
    }

    [Fact]
    public void Values_are_trimmed()
    {
        var settings = ValidatorSettings.FromValues(Values.With(("API_PORT", " 9000 ")));

        Assert.Equal(9000, settings.ApiPort);
    }

    [Fact]
    public void Control_characters_and_long_values_are_not_echoed()
    {
        var error = Values.Rejected(Values.With(("API_PORT", "80\u001b[31m80"), ("NETUID", new string('9', 200))));

        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("API_PORT='80?[31m80'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('9', 81), error.Message, StringComparison.Ordinal);
        Assert.Contains(new string('9', 80) + "…'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_challenge_interval_is_fine_in_push_mode()
    {
        var settings = ValidatorSettings.FromValues(Values.With(("CHALLENGE_INTERVAL_SECONDS", "10")));

        Assert.Equal(TimeSpan.FromSeconds(10), settings.ChallengeInterval);
    }

    [Fact]
    public void A_challenge_interval_below_the_reminder_minimum_is_rejected_in_pull_mode()
    {
        var error = Values.Rejected(Values.With(("CHALLENGE_MODE", "pull"), ("CHALLENGE_INTERVAL_SECONDS", "10")));

        Assert.Contains("CHALLENGE_INTERVAL_SECONDS='10'", error.Message, StringComparison.Ordinal);
        Assert.Contains("from 60 to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lower_reminder_minimum_allows_a_short_challenge_interval_in_pull_mode()
    {
        var settings = ValidatorSettings.FromValues(Values.With(
            ("CHALLENGE_MODE", "pull"), ("CHALLENGE_INTERVAL_SECONDS", "10"), ("REMINDER_MINIMUM_PERIOD_SECONDS", "5")));

        Assert.Equal(TimeSpan.FromSeconds(10), settings.ChallengeInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ReminderMinimumPeriod);
    }

    [Fact]
    public void A_weights_interval_below_the_reminder_minimum_is_rejected()
    {
        var error = Values.Rejected(Values.With(("WEIGHTS_INTERVAL_SECONDS", "30")));

        Assert.Contains("WEIGHTS_INTERVAL_SECONDS='30'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LLM_API_URL_wins_over_OPENAI_API_URL()
    {
        var settings = ValidatorSettings.FromValues(Values.With(
            ("LLM_API_URL", "https://llm.example/v1"), ("OPENAI_API_URL", "https://openai.example/v1")));

        Assert.Equal(new Uri("https://llm.example/v1"), settings.LlmApiUrl);
    }

    [Fact]
    public void OPENAI_API_URL_is_used_when_LLM_API_URL_is_absent()
    {
        var settings = ValidatorSettings.FromValues(Values.With(("OPENAI_API_URL", "https://openai.example/v1")));

        Assert.Equal(new Uri("https://openai.example/v1"), settings.LlmApiUrl);
    }

    [Fact]
    public void A_bad_OPENAI_API_URL_is_reported_under_its_own_name()
    {
        var error = Values.Rejected(Values.With(("OPENAI_API_URL", "ftp://openai.example")));

        Assert.Contains("OPENAI_API_URL='ftp://openai.example'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OPENAI_MODEL_is_used_when_LLM_MODEL_is_absent()
    {
        Assert.Equal("gpt-4o", ValidatorSettings.FromValues(Values.With(("OPENAI_MODEL", "gpt-4o"))).LlmModel);
        Assert.Equal("llama", ValidatorSettings.FromValues(Values.With(("OPENAI_MODEL", "gpt-4o"), ("LLM_MODEL", "llama"))).LlmModel);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("fd00::1")]
    public void SILO_ADVERTISED_IP_is_parsed(string address)
    {
        var settings = ValidatorSettings.FromValues(Values.With(("SILO_ADVERTISED_IP", address)));

        Assert.Equal(IPAddress.Parse(address), settings.SiloAdvertisedIp);
    }

    [Fact]
    public void SettingsException_message_ends_with_a_full_stop_and_keeps_its_problems()
    {
        var error = new SettingsException(["A is bad", "B is bad"]);

        Assert.Equal("Invalid configuration: A is bad; B is bad.", error.Message);
        Assert.Equal(["A is bad", "B is bad"], error.Problems);
    }

    [Fact]
    public void Names_match_case_insensitively_whatever_map_is_passed_in()
    {
        var settings = ValidatorSettings.FromValues(new Dictionary<string, string>
        {
            ["database_url"] = Values.DatabaseUrl,
            ["api_port"] = "9001",
        });

        Assert.Equal(9001, settings.ApiPort);
    }

    [Theory]
    [InlineData("ORLEANS_CLUSTER_ID", "-leading-dash")]
    [InlineData("ORLEANS_SERVICE_ID", "trailing.")]
    [InlineData("ORLEANS_SERVICE_ID", "has space")]
    [InlineData("ORLEANS_CLUSTER_ID", "a123456789012345678901234567890123456789012345678901234567890123")]
    public void Orleans_ids_must_be_valid_kubernetes_label_values(string name, string value)
    {
        var error = Values.Rejected(Values.With((name, value)));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", null)]
    [InlineData("ON", true)]
    [InlineData("off", false)]
    public void Kubernetes_hosting_can_be_forced_on_or_off(string value, bool? expected)
    {
        Assert.Equal(expected, ValidatorSettings.FromValues(Values.With(("KUBERNETES_HOSTING", value))).KubernetesHosting);
    }

    [Fact]
    public void CHALLENGE_API_HOTKEYS_is_a_validated_comma_separated_list_empty_by_default()
    {
        const string Alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        const string Bob = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

        Assert.Empty(ValidatorSettings.FromValues(Values.With()).ChallengeApiHotkeys);
        Assert.Equal([Alice, Bob], ValidatorSettings.FromValues(Values.With(("CHALLENGE_API_HOTKEYS", $" {Alice} ,{Bob},"))).ChallengeApiHotkeys);
        Assert.Contains("CHALLENGE_API_HOTKEYS='5Gbad'", Values.Rejected(Values.With(("CHALLENGE_API_HOTKEYS", $"{Alice},5Gbad"))).Message, StringComparison.Ordinal);
    }
}
