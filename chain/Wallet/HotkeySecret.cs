using System.Security.Cryptography;

namespace Loosh.Chain.Wallet;

/// <summary>
/// The secret read from a hotkey file, not yet turned into a keypair (that is the sr25519 code's job, which can then
/// check the key it derives against <see cref="DeclaredPublicKey"/>). It owns the only copy of the secret bytes and
/// zeroes them on <see cref="Dispose"/>, so callers should derive the keypair and dispose at once.
/// </summary>
public sealed class HotkeySecret : IDisposable
{
    private readonly byte[] _secret;
    private readonly byte[] _declaredPublicKey;
    private bool _disposed;

    internal HotkeySecret(string path, HotkeySecretForm form, byte[] secret, byte[]? declaredPublicKey, string? declaredSs58Address)
    {
        Path = path;
        Form = form;
        _secret = secret;
        _declaredPublicKey = declaredPublicKey ?? [];
        DeclaredSs58Address = declaredSs58Address;
    }

    /// <summary>The keyfile this came from.</summary>
    public string Path { get; }

    public HotkeySecretForm Form { get; }

    /// <summary>The mini secret (32 bytes), the private key (64 bytes) or the phrase as UTF-8, per <see cref="Form"/>.</summary>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    public ReadOnlySpan<byte> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>The 32-byte public key the file declares (<c>publicKey</c> or <c>accountId</c>); empty when it declares none.</summary>
    public ReadOnlySpan<byte> DeclaredPublicKey => _declaredPublicKey;

    /// <summary>The file's <c>ss58Address</c> text as written, not decoded.</summary>
    public string? DeclaredSs58Address { get; }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        _disposed = true;
    }

    /// <summary>Names the form and the file only, so that logging the object cannot leak the secret.</summary>
    public override string ToString() => $"{Form} hotkey secret from {Path}";
}
