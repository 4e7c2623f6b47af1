using Loosh.Grains.Challenges;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Loosh.GrainInterfaces;
using Loosh.Hosting;
using Loosh.Protocols;
using Loosh.Protocols.ChallengeApi;
using Loosh.Protocols.SignedHttp;
using Microsoft.Extensions.Options;

namespace Loosh.ApiGateway.Api;

/// <summary>
/// The validator's REST API, with the reference's routes and payloads (protocols.md §3), backed by grains.
/// The same mapping serves the standalone gateway and the local single-silo mode.
/// </summary>
public static class ValidatorApi
{
    /// <summary>Reported as <c>service_name</c>: the Challenge API recognises validators by it.</summary>
    public const string ServiceName = "loosh-inference-validator";

    /// <summary>
    /// The reference release whose protocol this validator speaks, reported as <c>version</c>: the Challenge API
    /// excludes validators whose version it does not accept. Our own version is reported as <c>implementation</c>.
    /// </summary>
    public const string ProtocolVersion = "1.2.8";

    public static IEndpointRouteBuilder MapValidatorApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/availability", Availability);
        foreach (var path in new[] { "/availability/health", "/availability/healthz", "/health", "/healthz" })
        {
            app.MapGet(path, Health);
        }
        app.MapLiveness();
        app.MapGet("/stats", Stats);
        app.MapGet("/get_stats", Stats);
        app.MapPost("/register", Register);
        app.MapPost("/set_running", SetRunning);
        app.MapGet("/challenges", ListChallenges);
        app.MapGet("/challenges/{id}", GetChallenge);
        app.MapPost("/challenges", AcceptChallenge);
        app.MapFiberApi();
        return app;
    }

    /// <summary>Liveness for orchestrators: answers as long as the process serves HTTP, whatever the cluster's state.</summary>
    public static IEndpointRouteBuilder MapLiveness(this IEndpointRouteBuilder app)
    {
        app.MapGet("/alive", () => Results.Ok(new { Status = "alive" }));
        return app;
    }

    private static async Task<IResult> Availability(IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var status = await Validator(grains, options).GetStatusAsync();
        return Results.Ok(new { Available = status.Running });
    }

    private static async Task<IResult> Health(IGrainFactory grains, IOptions<ApiOptions> options, ILoggerFactory loggers)
    {
        try
        {
            var statusTask = Validator(grains, options).GetStatusAsync();
            var countersTask = Ledger(grains).GetStatsAsync();
            var (status, counters) = (await statusTask, await countersTask);
            var capacity = Math.Max(0, options.Value.MaxConcurrentChallenges - (int)Math.Min(counters.ActiveChallenges, int.MaxValue));
            return Results.Ok(new HealthReport(ServiceName, ProtocolVersion, "healthy", counters.QueuedChallenges,
                new ProcessingStats(counters.QueuedChallenges, status.ChallengeMode, counters.ActiveChallenges,
                    options.Value.MaxConcurrentChallenges, capacity, capacity, status.Running),
                Implementation.Current));
        }
        catch (Exception e) when (ServiceUnavailable.IsTransient(e))
        {
            // One line, no stack trace: orchestrators probe this every few seconds while the cluster is down.
            loggers.CreateLogger(typeof(ValidatorApi)).LogWarning("Health check failed: {Error}", e.Message);
            return Results.Json(new HealthReport(ServiceName, ProtocolVersion, "unhealthy", 0, null, Implementation.Current),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> Stats(IGrainFactory grains, IOptions<ApiOptions> options, Uptime uptime)
    {
        var statusTask = Validator(grains, options).GetStatusAsync();
        var countersTask = Ledger(grains).GetStatsAsync();
        var (status, counters) = (await statusTask, await countersTask);
        return Results.Ok(new StatsReport(
            counters.TotalChallenges,
            counters.AnsweredResponses,
            counters.FailedResponses,
            counters.AverageResponseTimeMs ?? 0,
            (long)uptime.Elapsed.TotalSeconds,
            counters.AvailableMiners,
            status.Running,
            counters.ChallengesByStatus,
            counters.ActiveChallenges,
            counters.KnownMiners,
            counters.RegisteredHotkeys,
            counters.LastChallengeAt,
            status.ChallengeTicks,
            status.WeightsTicks,
            status.LastEpoch));
    }

    private static async Task<IResult> Register(HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes);
        if (error is not null)
        {
            return error;
        }
        var parsed = JsonBody.Parse(body, fields =>
        {
            var hotkey = fields.RequiredString("hotkey", 64);
            if (hotkey is { Length: > 0 } && !HotkeyAddress.IsValid(hotkey))
            {
                fields.Problem("hotkey", "must be the SS58 address of a 32-byte account");
            }
            return hotkey;
        });
        if (!parsed.IsOk)
        {
            return ApiProblems.BadBody(parsed);
        }
        await Ledger(grains).RegisterHotkeyAsync(parsed.Value!);
        return Results.Ok(new { Success = true, Message = $"User with hotkey {parsed.Value} registered successfully" });
    }

    private static async Task<IResult> SetRunning(HttpContext context, IGrainFactory grains, IOptions<ApiOptions> options, HotkeySignatureVerifier admins)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(context.Request, options.Value.MaxRequestBodyBytes);
        if (error is not null)
        {
            return error;
        }
        if (Authorize(context, options.Value, admins, body.Span) is { } denied)
        {
            return denied;
        }
        var parsed = JsonBody.Parse(body, fields => fields.RequiredBool("running") is { } running ? new RunningSwitch(running) : null);
        if (!parsed.IsOk)
        {
            return ApiProblems.BadBody(parsed);
        }
        var status = await Validator(grains, options).SetRunningAsync(parsed.Value!.Running);
        // The message spells the flag as Python does, as the reference's did.
        return Results.Ok(new { Success = true, Message = $"Validator running status set to: {(status.Running ? "True" : "False")}", status.Running });
    }

    private static async Task<IResult> ListChallenges(HttpRequest request, IGrainFactory grains)
    {
        if (!TryQueryInt(request, "limit", 50, 1, 500, out var limit, out var error)
            || !TryQueryInt(request, "offset", 0, 0, int.MaxValue, out var offset, out error))
        {
            return error!;
        }
        var list = await Ledger(grains).ListChallengesAsync(limit, offset);
        return Results.Ok(new { Challenges = list.Items, list.Total, Limit = limit, Offset = offset });
    }

    private static async Task<IResult> GetChallenge(string id, IGrainFactory grains)
    {
        var snapshot = await grains.GetGrain<IChallengeGrain>(id).GetAsync();
        return snapshot is null
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, "Unknown challenge", $"No challenge with id {id} was received.")
            : Results.Ok(new
            {
                ChallengeId = snapshot.Request.Id,
                snapshot.Request.CorrelationId,
                snapshot.Request.Source,
                snapshot.Status,
                snapshot.ReceivedAt,
                snapshot.History,
            });
    }

    private static async Task<IResult> AcceptChallenge(HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options, TimeProvider time)
    {
        var (body, error) = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes);
        return error ?? await AcceptChallengeAsync(body, ChallengeSource.Legacy, grains, options, time);
    }

    /// <summary>Parses a challenge body and hands it to its grain: the one intake path of POST /challenges and /fiber/challenge.</summary>
    internal static async Task<IResult> AcceptChallengeAsync(ReadOnlyMemory<byte> body, ChallengeSource source, IGrainFactory grains,
        IOptions<ApiOptions> options, TimeProvider time)
    {
        var parsed = ChallengeParser.Parse(body, time.GetUtcNow());
        if (!parsed.IsOk)
        {
            return ApiProblems.BadBody(parsed);
        }
        if (!(await Validator(grains, options).GetStatusAsync()).Running)
        {
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Validator paused",
                "The validator is paused (POST /set_running) and takes no challenges.");
        }

        var challenge = parsed.Value!;
        var acceptance = await grains.GetGrain<IChallengeGrain>(challenge.Id).AcceptAsync(IncomingChallenges.ToRequest(challenge, source));
        return acceptance == ChallengeAcceptance.Duplicate
            ? ApiProblems.Problem(StatusCodes.Status409Conflict, "Duplicate challenge", $"Challenge {challenge.Id} was already received.")
            : Results.Created($"/challenges/{challenge.Id}",
                new { Success = true, Message = "Challenge received successfully", ChallengeId = challenge.Id });
    }

    /// <summary>
    /// Who may change the running state: a request signed by one of ADMIN_HOTKEYS (hotkey-signed headers, the same scheme
    /// the Challenge API uses), a bearer ADMIN_API_KEY, or — when neither is configured — a client on this machine.
    /// </summary>
    private static IResult? Authorize(HttpContext context, ApiOptions options, HotkeySignatureVerifier admins, ReadOnlySpan<byte> body)
    {
        var headers = context.Request.Headers;
        if (headers.TryGetValue(SignedHeaderNames.Hotkey, out var hotkey))
        {
            var verdict = admins.Verify(hotkey, headers[SignedHeaderNames.Nonce], headers[SignedHeaderNames.Signature], body);
            return verdict == HotkeyVerification.Valid
                ? null
                : ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", $"The signed request was refused: {verdict}.");
        }
        if (options.AdminApiKey is { Length: > 0 } key)
        {
            var header = headers.Authorization.ToString();
            var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key))
                ? null
                : ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Send Authorization: Bearer <ADMIN_API_KEY>, or sign the request with an ADMIN_HOTKEYS hotkey.");
        }
        return options.AdminHotkeys.Count == 0 && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            ? null
            : ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden",
                "Only requests signed by an ADMIN_HOTKEYS hotkey, with ADMIN_API_KEY, or from this machine may change the running state.");
    }

    private static bool TryQueryInt(HttpRequest request, string name, int fallback, int min, int max, out int value, out IResult? error)
    {
        error = null;
        value = fallback;
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return true;
        }
        if (int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max)
        {
            return true;
        }
        error = ApiProblems.InvalidQuery(name, $"must be a whole number from {min} to {max}");
        return false;
    }

    private static IValidatorGrain Validator(IGrainFactory grains, IOptions<ApiOptions> options) =>
        grains.GetGrain<IValidatorGrain>(options.Value.Netuid);

    private static ILedgerGrain Ledger(IGrainFactory grains) => grains.GetGrain<ILedgerGrain>(0);

    private sealed record RunningSwitch(bool Running);
}
