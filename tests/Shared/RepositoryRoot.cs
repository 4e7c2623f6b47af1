namespace Loosh.Tests.Shared;

/// <summary>The repository checkout the tests run from (the folder holding Loosh.Orleans.sln). Linked into the test projects that read repository files.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Loosh.Orleans.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Loosh.Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
