using System.Text.Json;
using System.Text.Json.Serialization;
using Loosh.GrainInterfaces;
using Loosh.Hosting;
using Loosh.Protocols.SignedHttp;
using Loosh.Protocols.Fiber;
using Microsoft.Extensions.Options;

namespace Loosh.ApiGateway.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Registers what <see cref="ValidatorApi.MapValidatorApi"/> needs: options, JSON in the reference's snake_case, error handling.</summary>
    public static IServiceCollection AddValidatorApi(this IServiceCollection services, ValidatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.Configure<ApiOptions>(options =>
        {
            options.Netuid = settings.Netuid;
            options.ChallengeMode = settings.ChallengeMode == ChallengeIntake.Pull ? ChallengeMode.Pull : ChallengeMode.Push;
            options.MaxRequestBodyBytes = settings.MaxRequestBodyBytes;
            options.MaxConcurrentChallenges = settings.MaxConcurrentChallenges;
            options.AdminApiKey = settings.AdminApiKey;
            options.ChallengeApiHotkeys = settings.ChallengeApiHotkeys;
            options.AdminHotkeys = settings.AdminHotkeys;
        });
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ServiceUnavailable>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Uptime>();
        services.AddSingleton(provider => new FiberServer(
            new FiberServerOptions { AllowedHotkeys = provider.GetRequiredService<IOptions<ApiOptions>>().Value.ChallengeApiHotkeys },
            provider.GetRequiredService<TimeProvider>()));
        // Signed admin requests must be fresh (a minute either way) and are never accepted twice.
        services.AddSingleton(provider => new HotkeySignatureVerifier(
            provider.GetRequiredService<IOptions<ApiOptions>>().Value.AdminHotkeys, TimeSpan.FromSeconds(60), replayCapacity: 10_000,
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Adds the middleware the API relies on (problem details for errors), then maps its routes.</summary>
    public static WebApplication UseValidatorApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapValidatorApi();
        return app;
    }
}
