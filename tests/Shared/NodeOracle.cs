using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Loosh.Tests.Shared;

/// <summary>
/// Runs the <c>oracle.mjs</c> of an npm test package (tests/&lt;package&gt;, pinned by its package-lock.json): independent
/// implementations the interop tests compare against. One Node process per batch, a JSON array of requests in on
/// stdin and one answer per request out on stdout. A missing Node or node_modules fails the test with what to run;
/// it never passes silently. Linked into every test project that needs it.
/// </summary>
internal static class NodeOracle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <param name="package">The folder under tests/, e.g. "interop-crypto".</param>
    /// <param name="requiredModules">Modules that must be installed in its node_modules, e.g. "@scure/sr25519".</param>
    /// <param name="requests">The requests, one answer each.</param>
    public static JsonObject[] Run(string package, IReadOnlyList<string> requiredModules, params JsonObject[] requests)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tests", package);
        if (requiredModules.Any(module => !Directory.Exists(Path.Combine(folder, "node_modules", module))))
        {
            Assert.Fail($"The interop packages are not installed in {folder}: run `npm ci --prefix tests/{package}` (deploy/local/test.sh does).");
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
            Assert.Fail($"node {package}/oracle.mjs did not finish within {Timeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
        {
            Assert.Fail($"node {package}/oracle.mjs exited with {process.ExitCode}: {error.Result}");
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
}
