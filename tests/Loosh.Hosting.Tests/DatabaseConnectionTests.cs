using Npgsql;

namespace Loosh.Hosting.Tests;

/// <summary>DATABASE_URL and DATABASE_CONNECTION_STRING become an Npgsql connection string; secrets never reach an error.</summary>
public sealed class DatabaseConnectionTests
{
    [Fact]
    public void DATABASE_URL_becomes_an_Npgsql_connection_string()
    {
        var settings = ValidatorSettings.FromValues(Values.Only(
            ("DATABASE_URL", "postgres://user:p%40ss@db.example:6543/loosh?sslmode=require")));

        var builder = new NpgsqlConnectionStringBuilder(settings.DatabaseConnectionString);
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("loosh", builder.Database);
        Assert.Equal("user", builder.Username);
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void A_postgresql_URL_without_port_or_database_uses_the_defaults()
    {
        var settings = ValidatorSettings.FromValues(Values.Only(("DATABASE_URL", "postgresql://user@db.example")));

        var builder = new NpgsqlConnectionStringBuilder(settings.DatabaseConnectionString);
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(5432, builder.Port);
        Assert.Equal("postgres", builder.Database);
        Assert.Equal("user", builder.Username);
        Assert.Null(builder.Password);
    }

    [Fact]
    public void DATABASE_CONNECTION_STRING_is_used_as_Npgsql_keywords()
    {
        var settings = ValidatorSettings.FromValues(Values.Only(
            ("DATABASE_CONNECTION_STRING", "Host=db.example;Port=6000;Username=loosh;Password=pw;Database=validator")));

        var builder = new NpgsqlConnectionStringBuilder(settings.DatabaseConnectionString);
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6000, builder.Port);
        Assert.Equal("validator", builder.Database);
        Assert.Equal("loosh", builder.Username);
    }

    [Fact]
    public void A_missing_DATABASE_URL_is_named()
    {
        var error = Values.Rejected(Values.Only());

        var problem = Assert.Single(error.Problems);
        Assert.Contains("DATABASE_URL", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("DB_PATH", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_DATABASE_URL_mentions_DB_PATH_when_it_is_set()
    {
        var error = Values.Rejected(Values.Only(("DB_PATH", "/data/validator.db")));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("DATABASE_URL", problem, StringComparison.Ordinal);
        Assert.Contains("DB_PATH", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_DATABASE_URL_counts_as_missing()
    {
        var error = Values.Rejected(Values.Only(("DATABASE_URL", " ")));

        Assert.Contains("DATABASE_URL is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_DATABASE_URL_and_DATABASE_CONNECTION_STRING_is_an_error()
    {
        var error = Values.Rejected(Values.With(("DATABASE_CONNECTION_STRING", "Host=db.example;Password=hunter2")));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("DATABASE_URL", problem, StringComparison.Ordinal);
        Assert.Contains("DATABASE_CONNECTION_STRING", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://user:hunter2@db.example/loosh")]
    [InlineData("postgres://user:hunter2@/loosh")]
    [InlineData("postgres://user:hunter2@db.example:99999/loosh")]
    [InlineData("postgres://user:hunter2@db.example:port/loosh")]
    [InlineData("user:hunter2@db.example/loosh")]
    [InlineData("postgres://user:hunter2@db.example/loosh?no_such_option=1")]
    [InlineData("postgres://user:hunter2@db.example/loosh?sslmode=hunter2")]
    public void A_malformed_DATABASE_URL_is_named_without_its_password(string url)
    {
        var error = Values.Rejected(Values.Only(("DATABASE_URL", url)));

        Assert.Contains("DATABASE_URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example;Password=hunter2;Bogus=1")]
    [InlineData("Host=db.example;Password=hunter2;Port=abc")]
    [InlineData("hunter2")]
    public void A_malformed_DATABASE_CONNECTION_STRING_is_named_without_its_password(string keywords)
    {
        var error = Values.Rejected(Values.Only(("DATABASE_CONNECTION_STRING", keywords)));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("DATABASE_CONNECTION_STRING", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_with_control_characters_is_reported_on_one_line()
    {
        var error = Values.Rejected(Values.Only(("DATABASE_URL", "postgres://user:pw@db.example/loosh?bad%0Aoption=1")));

        Assert.Contains("bad?option", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_sslmode_value_is_named_as_a_bad_value()
    {
        var error = Values.Rejected(Values.Only(("DATABASE_URL", "postgres://user:pw@db.example/loosh?sslmode=bogus")));

        Assert.Contains("'sslmode' is unknown or has an invalid value", error.Message, StringComparison.Ordinal);
    }
}
