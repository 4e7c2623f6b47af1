using System.Net;

namespace Loosh.ApiGateway.Tests;

/// <summary>Without ADMIN_API_KEY only this machine may pause the validator.</summary>
public sealed class LoopbackAdminTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Set_running_is_allowed_from_loopback_and_refused_from_elsewhere()
    {
        var remote = await _host.Http.SendAsync(Http.Post("/set_running", """{"running": false}""", remoteIp: "203.0.113.9"));
        Assert.Equal(HttpStatusCode.Forbidden, remote.StatusCode);

        var local = await _host.Http.SendAsync(Http.Post("/set_running", """{"running": false}""", remoteIp: "127.0.0.1"));
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.False((await (await _host.Http.GetAsync("/stats")).BodyAsync()).GetProperty("running").GetBoolean());
    }
}
