using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Loosh.Chain.Tests.Crypto;

/// <summary>
/// Runs tests/interop-crypto/oracle.mjs (polkadot-js and @scure/sr25519, pinned by its package-lock.json): one Node
/// process per batch of requests, JSON in on stdin and out on stdout. A missing Node or node_modules fails the test
/// with what to run; it never passes silently.
/// </summary>
internal static class NodeOracle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static JsonObject[] Run(params JsonObject[] requests)
    {
        var folder = Folder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@polkadot", "util-crypto"))
            || !Directory.Exists(Path.Combine(folder, "node_modules", "@scure", "sr25519")))
        {
            Assert.Fail($"The interop packages are not installed in {folder}: run `npm ci --prefix tests/interop-crypto` (deploy/local/test.sh does).");
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
        process.StandardInput.Write(new JsonArray(requests.Select(request => (JsonNode)request).ToArray()).ToJsonString());
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
        return answers.Select(answer => answer!.AsObject()).ToArray();
    }

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
                return Path.Combine(directory.FullName, "tests", "interop-crypto");
            }
        }
        Assert.Fail($"No Loosh.Orleans.sln above {AppContext.BaseDirectory}, so tests/interop-crypto cannot be found.");
        throw new InvalidOperationException();
    }
}
