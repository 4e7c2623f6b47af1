using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Loosh.Tests.Shared;

namespace Loosh.Chain.Tests.Chopsticks;

/// <summary>
/// A real subtensor runtime (spec 218 from the raonet.json fixture) served by chopsticks on a free loopback port,
/// started once for the test collection. The npm package is installed by the test command (tests/chopsticks).
/// </summary>
public sealed class ChopsticksNode : IAsyncLifetime
{
    public const string ChainSpec = "raonet.json";

    private Process? _process;
    private readonly List<string> _output = [];

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!ChainFixtures.Exists(ChainSpec))
        {
            return; // Every test using the node is a FixtureFact on the same file and is skipped.
        }
        var binary = Path.Combine(RepositoryRoot.Path, "tests", "chopsticks", "node_modules", ".bin", "chopsticks");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"chopsticks is not installed at {binary}: run `npm ci --prefix tests/chopsticks` (./deploy/local/test.sh does it).");
        }
        var port = FreePort();
        Endpoint = new Uri($"ws://127.0.0.1:{port}");
        var start = new ProcessStartInfo(binary,
            ["--chain-spec", ChainFixtures.PathOf(ChainSpec), "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--build-block-mode", "Instant"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("chopsticks did not start");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await ListeningAsync(port))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("chopsticks did not start listening:\n" + string.Join('\n', Output()));
            }
            await Task.Delay(250);
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> Output()
    {
        lock (_output)
        {
            return [.. _output];
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 200)
            {
                _output.RemoveAt(0);
            }
        }
    }

    private static async Task<bool> ListeningAsync(int port)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ChopsticksTests : ICollectionFixture<ChopsticksNode>
{
    public const string Name = "chopsticks";
}
