namespace Loosh.Chain.Wallet;

/// <summary>
/// A wallet file could not be used. The message always names the file (or the wallet root, for a bad name) and what
/// was expected there, because the operator has to fix it by hand; it never contains secret material.
/// </summary>
public sealed class WalletFileException : Exception
{
    public WalletFileException(string path, WalletFileProblem problem, string message, Exception? innerException = null)
        : base($"{path}: {message}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file (or wallet root) concerned.</summary>
    public string Path { get; }

    public WalletFileProblem Problem { get; }
}
