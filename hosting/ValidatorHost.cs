using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Loosh.Hosting;

/// <summary>Start-up steps both hosts share: settings (or a one-line exit), logging, and the HTTP listener.</summary>
public static class ValidatorHost
{
    /// <summary>Exit code for a configuration the process cannot start with.</summary>
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>Loads the settings; on a bad configuration writes one line to stderr and returns null.</summary>
    public static ValidatorSettings? LoadSettingsOrReport(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return ValidatorSettings.Load();
        }
        catch (SettingsException e)
        {
            error.WriteLine(e.Message);
            return null;
        }
    }

    /// <summary>Console logging at LOG_LEVEL (Orleans' own chatter one level quieter) and Kestrel on API_HOST:API_PORT.</summary>
    public static WebApplicationBuilder UseValidatorDefaults(this WebApplicationBuilder builder, ValidatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        foreach (var chatty in new[] { "Orleans", "Microsoft.AspNetCore", "Polly" })
        {
            builder.Logging.AddFilter(chatty, settings.LogLevel <= LogLevel.Debug ? settings.LogLevel : LogLevel.Warning);
        }
        builder.WebHost.UseUrls($"http://{(settings.ApiHost.Contains(':', StringComparison.Ordinal) ? $"[{settings.ApiHost}]" : settings.ApiHost)}:{settings.ApiPort}");
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        return builder;
    }
}
