using System.Net;
using Loosh.ApiGateway.Api;
using Loosh.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Loosh.ApiGateway.Tests;

/// <summary>
/// The HTTP API exactly as the hosts map it, on an in-memory test server, talking to a real TestingHost cluster on
/// Postgres. Requests may carry X-Test-Remote-Ip to pose as a client at that address (the test server has none).
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string RemoteIpHeader = "X-Test-Remote-Ip";
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly WebApplication _app;

    private ApiHost(TestDatabase database, InProcessTestCluster cluster, WebApplication app)
    {
        Database = database;
        Cluster = cluster;
        _app = app;
        Http = app.GetTestClient();
    }

    public TestDatabase Database { get; }

    public InProcessTestCluster Cluster { get; }

    public HttpClient Http { get; }

    public static async Task<ApiHost> StartAsync(params (string Name, string Value)[] settings)
    {
        var database = await TestDatabase.CreateAsync();
        var cluster = await TestClusters.StartAsync(database, TestClusters.NewServiceId(), silos: 1, settings);

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddValidatorApi(database.Settings(settings));
        builder.Services.AddSingleton<IGrainFactory>(cluster.Client);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(RemoteIpHeader, out var ip))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
            }
            return next(context);
        });
        app.UseValidatorApi();
        await app.StartAsync();
        return new ApiHost(database, cluster, app);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
