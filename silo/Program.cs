using System.Net;
using Loosh.ApiGateway.Api;
using Loosh.Hosting;
using Loosh.Silo;
using Orleans.Configuration;

// The silo host. SILO_MODE=local: one silo on loopback that also serves the HTTP API on API_HOST:API_PORT.
// SILO_MODE=cluster: a cluster member; the HTTP API runs in gateway processes, this process answers /alive only.
var settings = ValidatorHost.LoadSettingsOrReport(Console.Error);
if (settings is null)
{
    return ValidatorHost.ConfigurationErrorExitCode;
}

// The providers read their queries from the database while the silo starts, so the schema comes first.
if (await DatabaseSchema.PrepareAsync(settings.DatabaseConnectionString, Console.Out, Console.Error) is false)
{
    return 1;
}

var builder = WebApplication.CreateBuilder(args);
builder.UseValidatorDefaults(settings);
builder.UseOrleans(silo =>
{
    silo.AddValidatorGrains(settings)
        .UsePostgresClustering(settings)
        .Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });

    if (settings.SiloMode == SiloMode.Local)
    {
        silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort);
    }
    else if (settings.KubernetesHosting ?? Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is { Length: > 0 })
    {
        // Pod name, pod IP and labels come from the downward API (deploy/k8s); clustering stays on Postgres.
        silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        silo.UseKubernetesHosting();
    }
    else if (settings.SiloAdvertisedIp is { } advertised)
    {
        silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
    }
    else
    {
        silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
    }
});

if (settings.SiloMode == SiloMode.Local)
{
    builder.Services.AddValidatorApi(settings);
}

var app = builder.Build();
if (settings.SiloMode == SiloMode.Local)
{
    app.UseValidatorApi();
}
else
{
    app.MapLiveness();
}
await app.RunAsync();
return 0;
