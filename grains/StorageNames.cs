namespace Loosh.Grains;

/// <summary>Names of the Orleans providers the grains depend on; the hosts register providers under these names.</summary>
public static class StorageNames
{
    /// <summary>The Postgres-backed grain storage.</summary>
    public const string Default = "Default";
}
