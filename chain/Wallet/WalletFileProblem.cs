namespace Loosh.Chain.Wallet;

/// <summary>What was wrong with a wallet file, so that a host can tell an operator's mistake from a damaged file.</summary>
public enum WalletFileProblem
{
    InvalidName,
    Missing,
    Unreadable,
    NotJson,
    NoKeyField,
    InvalidField,
    PasswordRequired,
    WrongPassword,
    Corrupt,
    UnsupportedFormat,
    DecryptionFailed,
    /// <summary>The secret in the file belongs to another public key than the one the file declares.</summary>
    KeyMismatch,
}
