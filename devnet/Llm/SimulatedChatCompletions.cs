using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Loosh.Devnet.Llm;

/// <summary>
/// A stand-in for an OpenAI-compatible LLM provider on loopback: <c>POST /v1/chat/completions</c> with the real request
/// and reply shapes, so the narrative client (evaluation.md §8.3) can be run against a wire rather than a mock. It keeps
/// every request it received, body and Authorization header, for tests to inspect.
/// </summary>
public sealed class SimulatedChatCompletions : IAsyncDisposable
{
    /// <summary>The path OpenAI serves completions on; a validator is configured with the full URL (§14.13).</summary>
    public const string Path = "/v1/chat/completions";

    private readonly ConcurrentQueue<ReceivedChatRequest> _received = new();
    private int _requests;
    private WebApplication? _app;

    private SimulatedChatCompletions(ChatCompletionsBehaviour behaviour) => Behaviour = behaviour;

    /// <summary>How the next requests are answered; settable so one endpoint can serve several scenarios.</summary>
    public ChatCompletionsBehaviour Behaviour { get; set; }

    /// <summary>The full completions URL, as LLM_API_URL would be set.</summary>
    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedChatRequest> Received => [.. _received];

    /// <summary>Starts on 127.0.0.1 (<paramref name="port"/> 0 picks a free one) and returns once it accepts connections.</summary>
    public static async Task<SimulatedChatCompletions> StartAsync(ChatCompletionsBehaviour behaviour, int port = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        var service = new SimulatedChatCompletions(behaviour);
        ListenOptions? listen = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, l => listen = l));
        var app = builder.Build();
        app.MapPost(Path, service.CompleteAsync);
        await app.StartAsync(ct);
        service._app = app;
        service.Url = new Uri($"http://127.0.0.1:{listen!.IPEndPoint!.Port}{Path}");
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task CompleteAsync(HttpContext context)
    {
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)).RootElement.Clone();
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request_error", "We could not parse the JSON body of your request.");
            return;
        }
        _received.Enqueue(new ReceivedChatRequest(context.Request.Headers.Authorization.ToString(), body));
        await RespondAsync(context, Behaviour, Interlocked.Increment(ref _requests), body);
    }

    private static async Task RespondAsync(HttpContext context, ChatCompletionsBehaviour behaviour, int request, JsonElement body)
    {
        switch (behaviour)
        {
            case ChatCompletionsBehaviour.FailFirst fail when request <= fail.Failures:
                await WriteErrorAsync(context, fail.Status, "server_error", "The server had an error while processing your request.");
                break;
            case ChatCompletionsBehaviour.FailFirst fail:
                await RespondAsync(context, fail.Then, request - fail.Failures, body);
                break;
            case ChatCompletionsBehaviour.Slow slow:
                try
                {
                    await Task.Delay(slow.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                await RespondAsync(context, slow.Then, request, body);
                break;
            case ChatCompletionsBehaviour.Garbage:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"choices\": [ this is not json", context.RequestAborted);
                break;
            case ChatCompletionsBehaviour.Answer answer:
                await context.Response.WriteAsJsonAsync(Completion(answer.Content, body), context.RequestAborted);
                break;
            default:
                throw new InvalidOperationException($"Unknown behaviour {behaviour}.");
        }
    }

    /// <summary>The reply shape of the OpenAI API: one choice, the assistant message, a stop reason and token usage.</summary>
    private static object Completion(string content, JsonElement request) => new
    {
        id = $"chatcmpl-{Guid.NewGuid():N}",
        @object = "chat.completion",
        created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        model = request.TryGetProperty("model", out var model) ? model.GetString() : null,
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 0, completion_tokens = 0, total_tokens = 0 },
    };

    private static Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { message, type, param = (string?)null, code = (string?)null } });
    }
}

/// <summary>One request as the simulated provider saw it.</summary>
/// <param name="Authorization">The Authorization header, empty when none was sent.</param>
/// <param name="Body">The JSON body.</param>
public sealed record ReceivedChatRequest(string Authorization, JsonElement Body);
