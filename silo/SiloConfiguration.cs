using System.Text.Json.Serialization;
using Loosh.Chain.Rpc;
using Loosh.Chain.Wallet;
using Loosh.GrainInterfaces;
using Loosh.Grains;
using Loosh.Grains.Services;
using Loosh.Grains.Weights;
using Loosh.Hosting;
using Loosh.Protocols.ChallengeApi;
using Loosh.Protocols.Fiber;
using Loosh.Protocols.SignedHttp;
using Loosh.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Serialization;

namespace Loosh.Silo;

/// <summary>How a Loosh silo is put together. Production, local mode and the TestingHost clusters all use it.</summary>
public static class SiloConfiguration
{
    private const string Invariant = "Npgsql";

    /// <summary>
    /// Grain storage and reminders in Postgres (grain state as plain JSON), the services the grains use, the
    /// schedule, and the start-up task that makes sure the validator's reminders exist. Clustering is left to the caller.
    /// </summary>
    public static ISiloBuilder AddValidatorGrains(this ISiloBuilder silo, ValidatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        var connectionString = settings.DatabaseConnectionString;

        silo.AddAdoNetGrainStorage(StorageNames.Default, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        // Plain JSON without .NET type names, so state survives refactorings and can be read with SQL.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(options =>
            options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = settings.ReminderMinimumPeriod);

        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        silo.Services.AddSingleton<ValidatorLedger>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        // Resolved on first use, so a silo whose grains never sign anything (e.g. a storage test) needs no wallet;
        // a missing or wrong wallet fails the first grain that needs the hotkey, naming the file.
        silo.Services.TryAddSingleton(_ => new ValidatorIdentity(WalletKeys.LoadHotkey(
            new WalletLayout(settings.WalletName, settings.HotkeyName, settings.WalletPath), settings.HotkeyPassword).Keys));
        silo.Services.TryAddSingleton(_ => new SubtensorConnection(SubstrateEndpoints.Resolve(settings.SubtensorNetwork, settings.SubtensorAddress)));
        silo.Services.Configure<ValidatorScheduleOptions>(options =>
        {
            options.ChallengeMode = settings.ChallengeMode == ChallengeIntake.Pull ? ChallengeMode.Pull : ChallengeMode.Push;
            options.ChallengeInterval = settings.ChallengeInterval;
            options.WeightsInterval = settings.WeightsInterval;
        });
        AddWeights(silo.Services, settings);
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IValidatorGrain>(settings.Netuid).StartAsync());
        return silo;
    }

    // ---- Weights (EpochGrain): options, chain access, inputs, the Challenge API client and the outbox. ----
    private static void AddWeights(IServiceCollection services, ValidatorSettings settings)
    {
        services.Configure<WeightsOptions>(options =>
            options.RetryDelay = WeightsOptions.RetryDelayFor(settings.WeightsInterval, settings.ReminderMinimumPeriod));
        services.TryAddSingleton<WeightsChain>();
        services.TryAddSingleton<EpochInputsReader>();
        services.TryAddSingleton<Outbox>();
        services.TryAddSingleton(sp => new SybilScoreCache(
            async (hotkeys, ct) => (await sp.GetRequiredService<ChallengeApiClient>().GetSybilScoresAsync(hotkeys, ct)).Value?
                .Where(entry => entry.Value.Score is not null)
                .ToDictionary(entry => entry.Key, entry => entry.Value.Score!.Value, StringComparer.Ordinal),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var hotkey = sp.GetRequiredService<ValidatorIdentity>().Hotkey;
            var time = sp.GetRequiredService<TimeProvider>();
            var http = new HttpClient();
            return new ChallengeApiClient(
                http,
                new FiberClient(http, hotkey, FiberFlavor.ChallengeApi, FiberClientOptions.ForChallengeApi(), time),
                new HotkeySigner(hotkey, settings.ChallengeApiKey, time),
                new ChallengeApiOptions { BaseUrl = settings.ChallengeApiUrl, ApiKey = settings.ChallengeApiKey },
                time);
        });
    }

    /// <summary>Cluster membership through the Postgres membership table.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, ValidatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = settings.DatabaseConnectionString;
        });
    }
}
