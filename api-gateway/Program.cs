using Loosh.ApiGateway.Api;
using Loosh.Hosting;
using Orleans.Configuration;

// The standalone gateway: an Orleans client that serves the HTTP API in front of a silo cluster.
var settings = ValidatorHost.LoadSettingsOrReport(Console.Error);
if (settings is null)
{
    return ValidatorHost.ConfigurationErrorExitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.UseValidatorDefaults(settings);
builder.UseOrleansClient(client => client
    .UseAdoNetClustering(options =>
    {
        options.Invariant = "Npgsql";
        options.ConnectionString = settings.DatabaseConnectionString;
    })
    .Configure<ClusterOptions>(options =>
    {
        options.ClusterId = settings.ClusterId;
        options.ServiceId = settings.ServiceId;
    }));
builder.Services.AddValidatorApi(settings);

var app = builder.Build();
app.UseValidatorApi();
await app.RunAsync();
return 0;
