using System.Diagnostics;
using System.Text.Json;

namespace Loosh.Protocols.Tests.SignedHttp;

/// <summary>
/// Asks polkadot-js (tests/interop-signed/verify.mjs, pinned by its package-lock.json) whether signatures are valid,
/// so the signer is checked against an sr25519 implementation other than our own. Missing Node or node_modules fails
/// the test with the command to run.
/// </summary>
internal static class SignatureOracle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>One verdict per (SS58 address, signed text, 0x-hex signature), in order.</summary>
    public static bool[] Verify(params (string Address, string Message, string Signature)[] checks)
    {
        var folder = Folder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@polkadot", "util-crypto")))
        {
            Assert.Fail($"The interop packages are not installed in {folder}: run `npm ci --prefix tests/interop-signed` (deploy/local/test.sh does).");
        }
        var start = new ProcessStartInfo("node", "verify.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Start(start);
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        node.StandardInput.Write(JsonSerializer.Serialize(checks.Select(c => new { address = c.Address, message = c.Message, signature = c.Signature })));
        node.StandardInput.Close();
        if (!node.WaitForExit(Timeout))
        {
            node.Kill();
            Assert.Fail($"node verify.mjs did not finish within {Timeout.TotalSeconds} s.");
        }
        Assert.True(node.ExitCode == 0, $"node verify.mjs exited with {node.ExitCode}: {error.Result}");
        using var answers = JsonDocument.Parse(output.Result);
        var verdicts = answers.RootElement.EnumerateArray().Select(answer => answer.GetProperty("valid").GetBoolean()).ToArray();
        Assert.Equal(checks.Length, verdicts.Length);
        return verdicts;
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Assert.Fail($"Node.js is needed for the signature interop tests and could not be started: {exception.Message}");
            throw;
        }
    }

    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Loosh.Orleans.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "interop-signed");
            }
        }
        Assert.Fail($"No Loosh.Orleans.sln above {AppContext.BaseDirectory}, so tests/interop-signed cannot be found.");
        throw new InvalidOperationException();
    }
}
