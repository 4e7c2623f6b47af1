namespace Loosh.Devnet.Tests;

/// <summary>The devnet command starts its peers in seconds, prints where each listens and stops on cancellation.</summary>
public sealed class DevnetCommandTests
{
    [Fact]
    public async Task It_prints_one_line_per_peer_and_stops_when_cancelled()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        var code = await DevnetCommand.RunAsync(["--miners", "3"], output, TextWriter.Null, stop.Token);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, code);
        Assert.Equal(3, lines.Count(line => line.StartsWith("miner ", StringComparison.Ordinal) && line.Contains("http://127.0.0.1:", StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.StartsWith("challenge-api http://127.0.0.1:", StringComparison.Ordinal) && line.Contains(" hotkey 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_arguments_print_the_usage_and_exit_2()
    {
        using var error = new StringWriter();

        var code = await DevnetCommand.RunAsync(["--miners", "lots"], TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.StartsWith("usage:", error.ToString(), StringComparison.Ordinal);
    }
}
