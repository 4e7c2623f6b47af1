using System.Net;
using System.Text.Json;

namespace Loosh.ApiGateway.Tests;

/// <summary>The REST endpoints of the reference, backed by grains and the ledger, including bad input.</summary>
public sealed class ValidatorApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    private HttpClient Client => _host.Http;

    public async Task InitializeAsync() =>
        _host = await ApiHost.StartAsync(("ADMIN_API_KEY", ApiHost.AdminKey), ("MAX_REQUEST_BODY_BYTES", "4096"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/availability/health")]
    [InlineData("/availability/healthz")]
    [InlineData("/health")]
    [InlineData("/healthz")]
    public async Task Health_reports_the_service_name_version_and_counters(string path)
    {
        await PostChallengeAsync("health-1");

        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Equal("loosh-inference-validator", body.GetProperty("service_name").GetString());
        Assert.Equal("1.2.8", body.GetProperty("version").GetString());
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("queue_size").GetInt32());
        var stats = body.GetProperty("processing_stats");
        Assert.Equal("push", stats.GetProperty("challenge_mode").GetString());
        Assert.Equal(1, stats.GetProperty("active_challenges").GetInt32());
        Assert.Equal(15, stats.GetProperty("max_concurrent").GetInt32());
        Assert.Equal(14, stats.GetProperty("available_capacity").GetInt32());
        Assert.Equal("loosh-orleans", body.GetProperty("implementation").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_challenge_is_accepted_with_201_and_a_duplicate_gets_409()
    {
        var first = await PostChallengeAsync("dup-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await first.BodyAsync();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("Challenge received successfully", body.GetProperty("message").GetString());
        Assert.Equal("dup-1", body.GetProperty("challenge_id").GetString());
        Assert.Equal("/challenges/dup-1", first.Headers.Location?.OriginalString);

        var second = await PostChallengeAsync("dup-1");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Contains("dup-1", (await second.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stored = await (await Client.GetAsync("/challenges/dup-1")).BodyAsync();
        Assert.Equal("received", stored.GetProperty("status").GetString());
        Assert.Equal("legacy", stored.GetProperty("source").GetString());
        Assert.Equal(1L, await _host.Database.ScalarAsync<long>("SELECT count(*) FROM challenges WHERE challenge_id = 'dup-1'"));
    }

    [Theory]
    [InlineData("""{"prompt": "hi"}""", "id")]
    [InlineData("""{"id": 42, "prompt": "hi"}""", "id")]
    [InlineData("""{"id": "has space", "prompt": "hi"}""", "id")]
    [InlineData("""{"id": "t1", "prompt": "hi", "temperature": "hot"}""", "temperature")]
    [InlineData("""{"id": "t1", "prompt": "hi", "max_tokens": 0}""", "max_tokens")]
    [InlineData("""{"id": "t1"}""", "prompt")]
    [InlineData("""{"id": "t1", "messages": [{"role": "user", "content": 5}]}""", "messages[0].content")]
    public async Task A_challenge_with_a_bad_field_gets_422_naming_the_field(string json, string field)
    {
        var response = await Client.PostAsync("/challenges", Http.Json(json));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.BodyAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}, got {errors}");
        Assert.Equal(0L, await _host.Database.ScalarAsync<long>("SELECT count(*) FROM challenges"));
    }

    [Fact]
    public async Task Malformed_json_gets_400_and_a_non_json_body_gets_415()
    {
        var malformed = await Client.PostAsync("/challenges", Http.Json("""{"id": "x", """));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("not valid JSON", (await malformed.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var text = await Client.PostAsync("/challenges", new StringContent("""{"id":"x","prompt":"p"}""", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task An_oversize_body_gets_413_and_nothing_is_stored()
    {
        var prompt = new string('x', 5000);
        var response = await Client.PostAsync("/challenges", Http.Json($$"""{"id": "big", "prompt": "{{prompt}}"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("4096", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/challenges/big")).StatusCode);
    }

    [Fact]
    public async Task Challenges_are_listed_newest_first_and_paged()
    {
        foreach (var id in new[] { "list-a", "list-b", "list-c" })
        {
            await PostChallengeAsync(id);
            await Task.Delay(20);
        }

        var page = await (await Client.GetAsync("/challenges?limit=2&offset=0")).BodyAsync();
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(["list-c", "list-b"], page.GetProperty("challenges").EnumerateArray().Select(c => c.GetProperty("challenge_id").GetString()));
        Assert.Equal("received", page.GetProperty("challenges")[0].GetProperty("status").GetString());

        var next = await (await Client.GetAsync("/challenges?limit=2&offset=2")).BodyAsync();
        Assert.Equal(["list-a"], next.GetProperty("challenges").EnumerateArray().Select(c => c.GetProperty("challenge_id").GetString()));

        foreach (var bad in new[] { "/challenges?limit=0", "/challenges?limit=abc", "/challenges?limit=501", "/challenges?offset=-1" })
        {
            var response = await Client.GetAsync(bad);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }
    }

    [Fact]
    public async Task Register_stores_the_hotkey_and_rejects_bad_bodies()
    {
        const string hotkey = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
        foreach (var path in new[] { "/register", "/register/" })
        {
            var response = await Client.PostAsync(path, Http.Json($$"""{"hotkey": "{{hotkey}}"}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"User with hotkey {hotkey} registered successfully", (await response.BodyAsync()).GetProperty("message").GetString());
        }
        Assert.Equal(1L, await _host.Database.ScalarAsync<long>("SELECT count(*) FROM registered_hotkeys WHERE hotkey = $1", hotkey));

        // The last one is a real address with one character changed: its checksum no longer matches.
        foreach (var bad in new[] { "{}", """{"hotkey": 5}""", """{"hotkey": "not-an-address"}""", """{"hotkey": "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694tz"}""" })
        {
            var response = await Client.PostAsync("/register", Http.Json(bad));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.True((await response.BodyAsync()).GetProperty("errors").TryGetProperty("hotkey", out _));
        }
        Assert.Equal(1, (await (await Client.GetAsync("/stats")).BodyAsync()).GetProperty("registered_hotkeys").GetInt32());
    }

    [Fact]
    public async Task Set_running_pauses_and_resumes_the_validator_and_stats_show_it()
    {
        var paused = await Client.SendAsync(Http.Post("/set_running", """{"running": false}""", bearer: ApiHost.AdminKey));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("Validator running status set to: False", (await paused.BodyAsync()).GetProperty("message").GetString());

        var stats = await (await Client.GetAsync("/stats")).BodyAsync();
        Assert.False(stats.GetProperty("running").GetBoolean());
        Assert.False((await (await Client.GetAsync("/availability")).BodyAsync()).GetProperty("available").GetBoolean());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostChallengeAsync("while-paused")).StatusCode);

        var resumed = await Client.SendAsync(Http.Post("/set_running", """{"running": true}""", bearer: ApiHost.AdminKey));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.True((await (await Client.GetAsync("/get_stats")).BodyAsync()).GetProperty("running").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, (await PostChallengeAsync("after-resume")).StatusCode);
    }

    [Fact]
    public async Task Set_running_needs_the_admin_key_and_a_boolean()
    {
        var anonymous = await Client.SendAsync(Http.Post("/set_running", """{"running": false}""", remoteIp: "127.0.0.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var wrongKey = await Client.SendAsync(Http.Post("/set_running", """{"running": false}""", bearer: "guess"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.True((await (await Client.GetAsync("/stats")).BodyAsync()).GetProperty("running").GetBoolean());

        foreach (var bad in new[] { "{}", """{"running": "false"}""", """{"running": 0}""" })
        {
            var response = await Client.SendAsync(Http.Post("/set_running", bad, bearer: ApiHost.AdminKey));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.True((await response.BodyAsync()).GetProperty("errors").TryGetProperty("running", out _));
        }
    }

    [Fact]
    public async Task Stats_report_real_counts_from_the_ledger()
    {
        await PostChallengeAsync("stats-1");
        await PostChallengeAsync("stats-2");

        var stats = await (await Client.GetAsync("/stats")).BodyAsync();

        Assert.Equal(2, stats.GetProperty("total_challenges").GetInt32());
        Assert.Equal(2, stats.GetProperty("challenges_by_status").GetProperty("received").GetInt32());
        Assert.Equal(0, stats.GetProperty("successful_responses").GetInt32());
        Assert.True(stats.GetProperty("uptime_seconds").GetInt64() >= 0);
        Assert.Equal(JsonValueKind.String, stats.GetProperty("last_challenge_at").ValueKind);
    }

    [Fact]
    public async Task Unknown_routes_get_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/no-such-route")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/challenges/never-seen")).StatusCode);
    }

    private Task<HttpResponseMessage> PostChallengeAsync(string id) => Client.PostAsync("/challenges", Http.Json($$"""
        {"id": "{{id}}", "messages": [{"role": "user", "content": "What is 2 + 2?"}], "temperature": 0.2, "max_tokens": 64,
         "metadata": {"model": "Qwen/Qwen2.5-32B-Instruct"}, "status": "available", "requester": null}
        """));
}
