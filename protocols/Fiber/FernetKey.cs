using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Loosh.Protocols.Fiber;

/// <summary>
/// A Fernet key and the token format of the Python <c>cryptography</c> package (protocols.md §1.1(c)), which both the
/// Challenge API and the miners use for every Fiber body: 0x80 ‖ u64 BE seconds ‖ IV ‖ AES-128-CBC ‖ HMAC-SHA256,
/// URL-safe base64 with padding. Bytes 0–15 of the key sign, bytes 16–31 encrypt.
/// </summary>
public sealed class FernetKey
{
    /// <summary>Python rejects tokens stamped further ahead than this, whatever the TTL.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    private const byte Version = 0x80;
    private const int KeyLength = 32;
    private const int HeaderLength = 1 + 8 + 16;
    private const int MacLength = 32;
    private const int BlockLength = 16;

    private readonly byte[] _signingKey;
    private readonly byte[] _encryptionKey;

    private FernetKey(ReadOnlySpan<byte> key)
    {
        _signingKey = key[..16].ToArray();
        _encryptionKey = key[16..].ToArray();
        Text = Base64Url.Encode(key);
    }

    /// <summary>The key as Python prints it: URL-safe base64 of the 32 bytes, with padding (44 characters).</summary>
    public string Text { get; }

    public static FernetKey Generate() => new(RandomNumberGenerator.GetBytes(KeyLength));

    /// <summary>Reads a key in its 44-character text form.</summary>
    /// <exception cref="FormatException">The text is not URL-safe base64 of exactly 32 bytes.</exception>
    public static FernetKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Base64Url.TryDecode(text);
        return bytes is { Length: KeyLength } ? new FernetKey(bytes) : throw new FormatException("A Fernet key is URL-safe base64 of 32 bytes.");
    }

    /// <summary>A token for <paramref name="plaintext"/>, stamped with <paramref name="time"/>'s current second.</summary>
    public string Encrypt(ReadOnlySpan<byte> plaintext, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Encrypt(plaintext, time.GetUtcNow().ToUnixTimeSeconds(), RandomNumberGenerator.GetBytes(BlockLength));
    }

    /// <summary>
    /// The plaintext of <paramref name="token"/>. With a <paramref name="ttl"/>, tokens older than it are rejected;
    /// tokens stamped more than <see cref="MaxClockSkew"/> ahead are rejected either way, as Python does with a TTL.
    /// </summary>
    /// <exception cref="InvalidFernetTokenException">For any token that does not verify or is out of its time window.</exception>
    public byte[] Decrypt(string token, TimeSpan? ttl, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(time);
        var data = Base64Url.TryDecode(token);
        if (data is null || data.Length < HeaderLength + BlockLength + MacLength || data[0] != Version
            || (data.Length - HeaderLength - MacLength) % BlockLength != 0)
        {
            throw new InvalidFernetTokenException();
        }
        if (ttl is { } window)
        {
            var stamped = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(1, 8));
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            if (stamped + (long)window.TotalSeconds < now || now + (long)MaxClockSkew.TotalSeconds < stamped)
            {
                throw new InvalidFernetTokenException();
            }
        }
        var signed = data.AsSpan(0, data.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_signingKey, signed), data.AsSpan(data.Length - MacLength)))
        {
            throw new InvalidFernetTokenException();
        }
        using var aes = Aes.Create();
        aes.Key = _encryptionKey;
        try
        {
            return aes.DecryptCbc(data.AsSpan(HeaderLength, signed.Length - HeaderLength), data.AsSpan(9, BlockLength), PaddingMode.PKCS7);
        }
        catch (CryptographicException e)
        {
            throw new InvalidFernetTokenException("The Fernet token's padding is invalid.", e);
        }
    }

    internal string Encrypt(ReadOnlySpan<byte> plaintext, long unixSeconds, ReadOnlySpan<byte> iv)
    {
        using var aes = Aes.Create();
        aes.Key = _encryptionKey;
        var ciphertext = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
        var token = new byte[HeaderLength + ciphertext.Length + MacLength];
        token[0] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(token.AsSpan(1, 8), (ulong)unixSeconds);
        iv.CopyTo(token.AsSpan(9, BlockLength));
        ciphertext.CopyTo(token, HeaderLength);
        HMACSHA256.HashData(_signingKey, token.AsSpan(0, HeaderLength + ciphertext.Length), token.AsSpan(HeaderLength + ciphertext.Length));
        return Base64Url.Encode(token);
    }
}
