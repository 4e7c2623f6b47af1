using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Loosh.Grains.Tests.Miners;

/// <summary>
/// A miner that accepts connections and never answers until released; then it closes them and stops listening, so
/// the probe fails. It lets a test hold a probe round open for as long as it needs, with no timing involved.
/// </summary>
internal sealed class HangingMiner : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private int _accepted;

    public HangingMiner()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far: a probe is in flight once this is above zero.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public void Release()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var client in _held)
        {
            client.Dispose();
        }
    }

    public void Dispose()
    {
        Release();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _held.Add(await _listener.AcceptTcpClientAsync(_stop.Token));
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Released.
        }
    }
}
