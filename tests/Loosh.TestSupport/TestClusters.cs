using System.Security.Cryptography;
using System.Text;
using Loosh.Chain.Crypto;
using Loosh.Grains.Services;
using Loosh.Hosting;
using Loosh.Silo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Loosh.TestSupport;

/// <summary>In-process TestingHost clusters wired exactly like a production silo, on a <see cref="TestDatabase"/>.</summary>
public static class TestClusters
{
    /// <summary>
    /// Starts a cluster of <paramref name="silos"/> silos. Reusing <paramref name="serviceId"/> with the same database
    /// is how a test restarts "the same" cluster: grain state and reminders are keyed by the service id.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(
        TestDatabase database, string serviceId, short silos = 1, params (string Name, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(database);
        var validatorSettings = database.Settings(settings);
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddTestValidator(validatorSettings));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// The production wiring; unless the test names a wallet (WALLET_PATH), a generated hotkey stands in for the wallet
    /// file (the wiring's TryAdd registrations keep the one registered here).
    /// </summary>
    public static ISiloBuilder AddTestValidator(this ISiloBuilder silo, ValidatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.WalletPath is null)
        {
            silo.Services.AddSingleton(_ => new ValidatorIdentity(Sr25519KeyPair.FromMiniSecret(TestHotkeySeed)));
        }
        return silo.AddValidatorGrains(settings);
    }

    /// <summary>The mini secret of the hotkey test silos sign with.</summary>
    public static byte[] TestHotkeySeed { get; } = SHA256.HashData(Encoding.UTF8.GetBytes("loosh test clusters: validator hotkey"));

    public static string NewServiceId() => "loosh-test-" + Guid.NewGuid().ToString("N")[..8];
}
