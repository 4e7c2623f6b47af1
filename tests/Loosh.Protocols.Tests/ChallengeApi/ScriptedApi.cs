using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Loosh.Protocols.Tests.ChallengeApi;

/// <summary>One scripted answer of the fake Challenge API; a delay longer than the client's timeout plays a hang.</summary>
public sealed record Answer(int Status, string Body = "", TimeSpan Delay = default);

/// <summary>A request as the fake Challenge API received it, with the exact body bytes.</summary>
public sealed record Received(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// The Challenge API played by Kestrel on 127.0.0.1: answers each path from a script (the last answer repeats,
/// unscripted paths get 404) and records every request.
/// </summary>
public sealed class ScriptedApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, Queue<Answer>> _scripts = new(StringComparer.Ordinal);
    private readonly List<Received> _received = [];
    private readonly Lock _lock = new();

    private ScriptedApi(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.Single());

    public IReadOnlyList<Received> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<ScriptedApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var api = new ScriptedApi(builder.Build());
        api._app.Run(api.HandleAsync);
        await api._app.StartAsync();
        return api;
    }

    public void Script(string path, params Answer[] answers)
    {
        lock (_lock)
        {
            _scripts[path] = new Queue<Answer>(answers);
        }
    }

    public IReadOnlyList<Received> To(string path) => Received.Where(r => r.Path == path).ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var answer = new Answer(404);
        lock (_lock)
        {
            _received.Add(new Received(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
            if (_scripts.TryGetValue(context.Request.Path, out var script) && script.Count > 0)
            {
                answer = script.Count > 1 ? script.Dequeue() : script.Peek();
            }
        }
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body);
    }
}
