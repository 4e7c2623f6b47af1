using System.Collections;

namespace Loosh.Hosting.Tests;

/// <summary>SettingsSources: reading a .env file without touching the environment, and the environment winning over it.</summary>
public sealed class SettingsSourcesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("loosh-hosting-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteDotEnv(string contents)
    {
        var path = Path.Combine(_directory, ".env");
        File.WriteAllText(path, contents);
        return path;
    }

    [Fact]
    public void A_dotenv_file_is_read_with_quotes_and_comments_handled()
    {
        var path = WriteDotEnv("""
            # the validator's settings
            NETUID=12
            API_HOST="127.0.0.1"
            WALLET_NAME='my wallet'
            LLM_MODEL=gpt-4o # the model
            HASH="a # b"

            export EXPORTED=yes
            """);

        var values = SettingsSources.ReadDotEnv(path);

        Assert.Equal("12", values["NETUID"]);
        Assert.Equal("127.0.0.1", values["API_HOST"]);
        Assert.Equal("my wallet", values["WALLET_NAME"]);
        Assert.Equal("gpt-4o", values["LLM_MODEL"]);
        Assert.Equal("a # b", values["HASH"]);
        Assert.Equal("yes", values["EXPORTED"]);
        Assert.Equal(6, values.Count);
    }

    [Fact]
    public void Dotenv_names_are_case_insensitive_and_the_last_one_wins()
    {
        var values = SettingsSources.ReadDotEnv(WriteDotEnv("api_port=1\nAPI_PORT=2\n"));

        Assert.Equal("2", values["Api_Port"]);
        Assert.Single(values);
    }

    [Fact]
    public void A_missing_dotenv_file_gives_an_empty_map()
    {
        Assert.Empty(SettingsSources.ReadDotEnv(Path.Combine(_directory, "no-such.env")));
    }

    [Fact]
    public void Reading_a_dotenv_file_leaves_the_process_environment_alone()
    {
        var name = "LOOSH_HOSTING_TEST_" + Guid.NewGuid().ToString("N");
        var values = SettingsSources.ReadDotEnv(WriteDotEnv($"{name}=from-file\n"));

        Assert.Equal("from-file", values[name]);
        Assert.Null(Environment.GetEnvironmentVariable(name));
    }

    [Fact]
    public void The_environment_wins_over_the_dotenv_file()
    {
        var dotEnv = SettingsSources.ReadDotEnv(WriteDotEnv("API_PORT=1111\nNETUID=12\n"));
        var environment = new Hashtable { ["api_port"] = "2222", ["OTHER"] = "x" };

        var merged = SettingsSources.Merge(environment, dotEnv);

        Assert.Equal("2222", merged["API_PORT"]);
        Assert.Equal("12", merged["netuid"]);
        Assert.Equal("x", merged["other"]);
    }

    [Fact]
    public void An_empty_environment_value_does_not_override_the_dotenv_file()
    {
        var dotEnv = SettingsSources.ReadDotEnv(WriteDotEnv("API_PORT=1111\n"));

        var merged = SettingsSources.Merge(new Hashtable { ["API_PORT"] = "" }, dotEnv);

        Assert.Equal("1111", merged["API_PORT"]);
    }

    [Fact]
    public void Merged_values_feed_FromValues_case_insensitively()
    {
        var dotEnv = SettingsSources.ReadDotEnv(WriteDotEnv($"database_url={Values.DatabaseUrl}\nApi_Port=9000\n"));

        var settings = ValidatorSettings.FromValues(SettingsSources.Merge(new Hashtable { ["netuid"] = "3" }, dotEnv));

        Assert.Equal(9000, settings.ApiPort);
        Assert.Equal(3, settings.Netuid);
    }
}
