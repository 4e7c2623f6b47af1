using System.Diagnostics;
using Loosh.Tests.Shared;

namespace Loosh.Hosting.Tests;

/// <summary>The Kubernetes manifests in deploy/k8s: their settings pass the app's own validation and they render.</summary>
public sealed class DeploymentManifestTests
{
    private static readonly string Root = RepositoryRoot.Path;

    [Fact]
    public void The_kubernetes_settings_file_passes_the_validators_own_checks()
    {
        var fromFile = SettingsSources.ReadDotEnv(Path.Combine(Root, "deploy", "k8s", "validator.env"));
        var values = new Dictionary<string, string>(fromFile, StringComparer.OrdinalIgnoreCase)
        {
            ["DATABASE_URL"] = Values.DatabaseUrl,
            ["SILO_MODE"] = "cluster",
        };

        var settings = ValidatorSettings.FromValues(values);

        Assert.Equal(fromFile["ORLEANS_SERVICE_ID"], settings.ServiceId);
        Assert.Equal(SiloMode.Cluster, settings.SiloMode);
    }

    [Fact]
    public async Task The_kustomize_base_renders_silos_and_gateways_with_matching_orleans_labels()
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(Root, "deploy", "k8s")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start (it is needed to render deploy/k8s)");
        var rendered = await kubectl.StandardOutput.ReadToEndAsync();
        var errors = await kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();

        Assert.True(kubectl.ExitCode == 0, $"kubectl kustomize failed: {errors}");
        Assert.Contains("name: loosh-silo", rendered, StringComparison.Ordinal);
        Assert.Contains("name: loosh-gateway", rendered, StringComparison.Ordinal);
        Assert.Contains("orleans/serviceId: loosh-validator", rendered, StringComparison.Ordinal);
        Assert.Contains("orleans/clusterId: loosh", rendered, StringComparison.Ordinal);
        Assert.Contains("kind: Role", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: Secret", rendered, StringComparison.Ordinal);
    }
}
