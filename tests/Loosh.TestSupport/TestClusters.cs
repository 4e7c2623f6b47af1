using Loosh.Silo;
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
        builder.ConfigureSilo((_, silo) => silo.AddValidatorGrains(validatorSettings));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static string NewServiceId() => "loosh-test-" + Guid.NewGuid().ToString("N")[..8];
}
