namespace Loosh.Hosting.Tests;

/// <summary>LEDGER_RETENTION_HOURS: the reference's 48 h by default, and never shorter than the 24 h the weights read back.</summary>
public sealed class LedgerRetentionSettingsTests
{
    [Fact]
    public void The_ledger_keeps_48_hours_by_default() =>
        Assert.Equal(TimeSpan.FromHours(48), ValidatorSettings.FromValues(Values.With()).LedgerRetention);

    [Fact]
    public void LEDGER_RETENTION_HOURS_is_read() =>
        Assert.Equal(TimeSpan.FromHours(72), ValidatorSettings.FromValues(Values.With(("LEDGER_RETENTION_HOURS", "72"))).LedgerRetention);

    [Theory]
    [InlineData("12")]
    [InlineData("0")]
    [InlineData("two days")]
    [InlineData("9000")]
    public void A_bad_retention_is_rejected_naming_the_variable(string value)
    {
        var error = Values.Rejected(Values.With(("LEDGER_RETENTION_HOURS", value)));

        Assert.Contains($"LEDGER_RETENTION_HOURS='{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("from 24 to 8760", error.Message, StringComparison.Ordinal);
    }
}
