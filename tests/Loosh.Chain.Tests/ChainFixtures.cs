using Loosh.Tests.Shared;

namespace Loosh.Chain.Tests;

/// <summary>
/// The real chain data in ../shared/fixtures/chain (never copied into this repository). Tests that need a file
/// use <see cref="FixtureFactAttribute"/>, which skips them with the reason when the file is absent.
/// </summary>
public static class ChainFixtures
{
    public static string Directory { get; } =
        System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "chain"));

    public static string PathOf(string file) => System.IO.Path.Combine(Directory, file);

    public static bool Exists(string file) => File.Exists(PathOf(file));

    public static byte[] Bytes(string file) => File.ReadAllBytes(PathOf(file));

    public static string Text(string file) => File.ReadAllText(PathOf(file));

    /// <summary>Why a test needing <paramref name="files"/> is skipped, or null when they are all present.</summary>
    public static string? SkipReason(IEnumerable<string> files) =>
        files.FirstOrDefault(file => !Exists(file)) is { } missing
            ? $"Fixture {missing} is not in {Directory} (the shared chain fixtures live outside the repository)."
            : null;
}

/// <summary>A fact that needs fixture files; skipped, naming the missing file, when one is absent.</summary>
public sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute(params string[] files)
    {
        Skip = ChainFixtures.SkipReason(files);
    }
}

/// <summary>A theory that needs fixture files; skipped like <see cref="FixtureFactAttribute"/>.</summary>
public sealed class FixtureTheoryAttribute : TheoryAttribute
{
    public FixtureTheoryAttribute(params string[] files)
    {
        Skip = ChainFixtures.SkipReason(files);
    }
}
