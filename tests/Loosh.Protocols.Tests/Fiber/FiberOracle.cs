using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Loosh.Protocols.Tests.Fiber;

/// <summary>
/// Runs tests/interop-fiber/oracle.mjs (npm fernet and Node's crypto, pinned by its package-lock.json): one Node
/// process per batch, JSON in on stdin and out on stdout. A missing Node or node_modules fails the test with what to
/// run; it never passes silently.
/// </summary>
internal static class FiberOracle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static JsonObject[] Run(params JsonObject[] requests)
    {
        var folder = Folder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "fernet")))
        {
            Assert.Fail($"The interop packages are not installed in {folder}: run `npm ci --prefix tests/interop-fiber` (deploy/local/test.sh does).");
        }
        var start = new ProcessStartInfo("node", "oracle.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = StartNode(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(new JsonArray([.. requests.Select(request => (JsonNode)request)]).ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            Assert.Fail($"node oracle.mjs did not finish within {Timeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
        {
            Assert.Fail($"node oracle.mjs exited with {process.ExitCode}: {error.Result}");
        }
        var answers = JsonNode.Parse(output.Result)!.AsArray();
        Assert.Equal(requests.Length, answers.Count);
        return [.. answers.Select(answer => answer!.AsObject())];
    }

    /// <summary>The string field <paramref name="name"/> of an answer, failing with the oracle's error if it has none.</summary>
    public static string Field(JsonObject answer, string name) =>
        answer[name]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"The oracle answered {answer.ToJsonString()}");

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Assert.Fail($"Node.js is needed for the interop tests and could not be started: {exception.Message}");
            throw;
        }
    }

    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Loosh.Orleans.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "interop-fiber");
            }
        }
        Assert.Fail($"No Loosh.Orleans.sln above {AppContext.BaseDirectory}, so tests/interop-fiber cannot be found.");
        throw new InvalidOperationException();
    }
}
