using System.Net;

namespace Loosh.Protocols.Tests.ChallengeApi;

/// <summary>
/// The Fiber channel played by a script: each call takes the next step (the last repeats). A step is a status and
/// body, an exception to throw, or a hang until the client's timeout cancels it.
/// </summary>
public sealed class ScriptedChannel : IEncryptedChannel
{
    private readonly Queue<Func<CancellationToken, Task<(HttpStatusCode, byte[])>>> _steps = new();
    private readonly List<(string Path, byte[] Json)> _calls = [];

    public IReadOnlyList<(string Path, byte[] Json)> Calls => _calls;

    public ScriptedChannel Answer(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
        {
            _steps.Enqueue(_ => Task.FromResult((status, "{\"filename\":\"h.png\"}"u8.ToArray())));
        }
        return this;
    }

    public ScriptedChannel Throw(Exception exception)
    {
        _steps.Enqueue(_ => Task.FromException<(HttpStatusCode, byte[])>(exception));
        return this;
    }

    public ScriptedChannel Hang()
    {
        _steps.Enqueue(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public Task<(HttpStatusCode Status, byte[] Body)> SendAsync(Uri baseUrl, string path, ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        _calls.Add((path, json.ToArray()));
        var step = _steps.Count > 1 ? _steps.Dequeue() : _steps.Peek();
        return step(ct);
    }
}
