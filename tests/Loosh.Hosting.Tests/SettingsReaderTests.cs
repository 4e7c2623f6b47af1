namespace Loosh.Hosting.Tests;

/// <summary>The internal SettingsReader: typed reads that fall back and record one problem per bad value.</summary>
public sealed class SettingsReaderTests
{
    private static SettingsReader Reader(params (string Name, string Value)[] pairs) => new(Values.Only(pairs));

    [Fact]
    public void A_bad_value_falls_back_and_records_a_problem()
    {
        var read = Reader(("N", "12x"));

        Assert.Equal(5, read.Int("N", 5, 0, 100));
        var problem = Assert.Single(read.Errors);
        Assert.Equal("N='12x' is not allowed; expected a whole number from 0 to 100", problem);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("ON", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    public void Booleans_accept_the_usual_spellings(string raw, bool expected)
    {
        var read = Reader(("FLAG", raw));

        Assert.Equal(expected, read.Bool("FLAG", !expected));
        Assert.Empty(read.Errors);
    }

    [Theory]
    [InlineData("validator", true)]
    [InlineData("hot.key-1_2", true)]
    [InlineData(".hidden", false)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("with space", false)]
    public void File_names_are_a_single_safe_path_segment(string raw, bool valid)
    {
        var read = Reader(("WALLET_NAME", raw));

        var name = read.FileName("WALLET_NAME", "fallback");

        Assert.Equal(valid ? raw : "fallback", name);
        Assert.Equal(valid ? 0 : 1, read.Errors.Count);
    }

    [Fact]
    public void A_file_name_longer_than_64_characters_is_rejected()
    {
        var read = Reader(("WALLET_NAME", new string('a', 65)));

        Assert.Equal("fallback", read.FileName("WALLET_NAME", "fallback"));
        Assert.Single(read.Errors);
    }

    [Fact]
    public void An_unset_url_without_fallback_is_null_and_no_problem()
    {
        var read = Reader();

        Assert.Null(read.Url("X", null, "http"));
        Assert.Empty(read.Errors);
    }
}
