using System.Text.Json.Serialization;
using Loosh.Chain.Rpc;
using Loosh.Chain.Wallet;
using Loosh.GrainInterfaces;
using Loosh.Grains;
using Loosh.Grains.Miners;
using Loosh.Grains.Services;
using Loosh.Grains.Weights;
using Loosh.Hosting;
using Loosh.Protocols;
using Loosh.Protocols.ChallengeApi;
using Loosh.Protocols.Fiber;
using Loosh.Protocols.Miners;
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
    private const string MinersHttp = "miners";
    private const string ChallengeApiHttp = "challenge-api";

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
        silo.Services.AddChallengePipeline(settings);
        silo.Services.AddValidatorClients(settings);
        AddWeights(silo.Services, settings);
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IValidatorGrain>(settings.Netuid).StartAsync());
        return silo;
    }

    /// <summary>
    /// The validator's outbound clients and the miner side's services, one of each per silo: <see cref="MinerClient"/>
    /// (probes, inference) and <see cref="ChallengeApiClient"/> (validator list, sybil scores, reports, batches), each on
    /// its own pooled <see cref="HttpClient"/> and Fiber channel (miners and the Challenge API speak different Fiber
    /// flavours, so the channels are keyed by <see cref="FiberFlavor"/>); the outbox; the metagraph source; and the
    /// miner-side options. Clients that sign resolve the wallet on first use, like <see cref="ValidatorIdentity"/>.
    /// </summary>
    public static IServiceCollection AddValidatorClients(this IServiceCollection services, ValidatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton<Outbox>();
        services.TryAddSingleton<IMetagraphSource, ChainMetagraphSource>();
        services.AddKeyedSingleton(MinersHttp, (_, _) => OutboundHttpClient(maxConnectionsPerServer: 8));
        services.AddKeyedSingleton(ChallengeApiHttp, (_, _) => OutboundHttpClient(maxConnectionsPerServer: 32));
        services.AddKeyedSingleton<IEncryptedChannel>(FiberFlavor.Miner, (provider, _) => new FiberClient(
            provider.GetRequiredKeyedService<HttpClient>(MinersHttp), provider.GetRequiredService<ValidatorIdentity>().Hotkey,
            FiberFlavor.Miner, new FiberClientOptions(), provider.GetRequiredService<TimeProvider>()));
        services.AddKeyedSingleton<IEncryptedChannel>(FiberFlavor.ChallengeApi, (provider, _) => new FiberClient(
            provider.GetRequiredKeyedService<HttpClient>(ChallengeApiHttp), provider.GetRequiredService<ValidatorIdentity>().Hotkey,
            FiberFlavor.ChallengeApi, FiberClientOptions.ForChallengeApi(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new MinerClient(
            provider.GetRequiredKeyedService<HttpClient>(MinersHttp),
            new MinerClientOptions
            {
                ValidatorHotkey = provider.GetRequiredService<ValidatorIdentity>().Ss58Address,
                RequestTimeout = settings.ChallengeTimeout,
                MaxConcurrentRequests = settings.MaxConcurrentChallenges * settings.MaxMiners,
            },
            provider.GetRequiredKeyedService<IEncryptedChannel>(FiberFlavor.Miner)));
        services.TryAddSingleton(provider =>
        {
            var time = provider.GetRequiredService<TimeProvider>();
            return new ChallengeApiClient(
                provider.GetRequiredKeyedService<HttpClient>(ChallengeApiHttp),
                provider.GetRequiredKeyedService<IEncryptedChannel>(FiberFlavor.ChallengeApi),
                new HotkeySigner(provider.GetRequiredService<ValidatorIdentity>().Hotkey, settings.ChallengeApiKey, time),
                new ChallengeApiOptions { BaseUrl = settings.ChallengeApiUrl, ApiKey = settings.ChallengeApiKey },
                time);
        });
        services.Configure<MinerNetworkOptions>(options =>
        {
            options.MinMiners = settings.MinMiners;
            options.MaxMiners = settings.MaxMiners;
            options.LedgerRetention = settings.LedgerRetention;
            // A reminder may not tick faster than the configured minimum.
            if (options.MetagraphRefreshInterval < settings.ReminderMinimumPeriod)
            {
                options.MetagraphRefreshInterval = settings.ReminderMinimumPeriod;
            }
        });
        return services;
    }

    /// <summary>
    /// A pooled client for untrusted or remote peers: no redirects (a miner must not bounce us elsewhere), a connect
    /// timeout, connections recycled so DNS changes are seen, and no overall timeout because every caller sets its own deadline.
    /// </summary>
    private static HttpClient OutboundHttpClient(int maxConnectionsPerServer) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        MaxConnectionsPerServer = maxConnectionsPerServer,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    // ---- Weights (EpochGrain): options, chain access and inputs; the clients and the outbox come from AddValidatorClients. ----
    private static void AddWeights(IServiceCollection services, ValidatorSettings settings)
    {
        services.Configure<WeightsOptions>(options =>
            options.RetryDelay = WeightsOptions.RetryDelayFor(settings.WeightsInterval, settings.ReminderMinimumPeriod));
        services.TryAddSingleton<WeightsChain>();
        services.TryAddSingleton<EpochInputsReader>();
        services.TryAddSingleton(sp => new SybilScoreCache(
            async (hotkeys, ct) => (await sp.GetRequiredService<ChallengeApiClient>().GetSybilScoresAsync(hotkeys, ct)).Value?
                .Where(entry => entry.Value.Score is not null)
                .ToDictionary(entry => entry.Key, entry => entry.Value.Score!.Value, StringComparer.Ordinal),
            sp.GetRequiredService<TimeProvider>()));
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
