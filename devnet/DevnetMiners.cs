using System.Net;
using Loosh.Protocols.Miners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Loosh.Devnet;

/// <summary>
/// A set of simulated miners on loopback: one Kestrel host, one OS-assigned port per miner, so many miners start
/// in a fraction of a second and each has its own address exactly as on a subnet.
/// </summary>
public sealed class DevnetMiners : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DevnetMiners(WebApplication app, IReadOnlyList<SimulatedMiner> miners)
    {
        _app = app;
        Miners = miners;
    }

    public IReadOnlyList<SimulatedMiner> Miners { get; }

    public IReadOnlyList<Uri> BaseUrls => [.. Miners.Select(m => m.BaseUrl)];

    /// <summary>Starts one miner per behaviour, in order; miner i listens on <c>BaseUrls[i]</c>.</summary>
    public static async Task<DevnetMiners> StartAsync(IReadOnlyList<MinerBehaviour> behaviours, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(behaviours);
        var listens = new List<ListenOptions>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var _ in behaviours)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listens.Add);
            }
        });
        var app = builder.Build();
        var byPort = new Dictionary<int, SimulatedMiner>();
        app.MapGet("/availability", (HttpContext context) => byPort[context.Connection.LocalPort].AvailabilityAsync(context));
        app.MapPost("/inference", (HttpContext context) => byPort[context.Connection.LocalPort].InferenceAsync(context));
        app.MapGet("/fiber/public-key", (HttpContext context) => byPort[context.Connection.LocalPort].FiberPublicKeyAsync(context));
        app.MapPost("/fiber/key-exchange", (HttpContext context) => byPort[context.Connection.LocalPort].FiberKeyExchangeAsync(context));
        app.MapPost(MinerClient.FiberChallengePath, (HttpContext context) => byPort[context.Connection.LocalPort].FiberChallengeAsync(context));
        await app.StartAsync(ct);

        var miners = behaviours
            .Select((behaviour, i) => new SimulatedMiner(i, behaviour, new Uri($"http://127.0.0.1:{listens[i].IPEndPoint!.Port}/")))
            .ToList();
        foreach (var miner in miners)
        {
            byPort[miner.BaseUrl.Port] = miner;
        }
        return new DevnetMiners(app, miners);
    }

    public async Task StopAsync(CancellationToken ct = default) => await _app.StopAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var miner in Miners)
        {
            miner.Dispose();
        }
    }
}
