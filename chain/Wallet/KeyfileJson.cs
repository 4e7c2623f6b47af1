using System.Security.Cryptography;
using System.Text.Json;

namespace Loosh.Chain.Wallet;

/// <summary>
/// Reads btwallet's keyfile JSON (a flat object of strings, chain.md §3) with <see cref="Utf8JsonReader"/>, so secret
/// values are copied once into buffers that can be wiped, and no string or pooled document ever holds them. Unknown
/// fields are ignored; a null value counts as absent, as in btwallet.
/// </summary>
internal static class KeyfileJson
{
    public static KeyfileFields Parse(ReadOnlySpan<byte> json, string path)
    {
        var fields = new KeyfileFields();
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw NotJson(path, null);
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadProperty(ref reader, fields, path);
            }
            if (reader.Read())
            {
                throw NotJson(path, null);
            }
            return fields;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            fields.Dispose();
            throw NotJson(path, error);
        }
        catch
        {
            fields.Dispose();
            throw;
        }
    }

    private static void ReadProperty(ref Utf8JsonReader reader, KeyfileFields fields, string path)
    {
        var name = reader.GetString();
        reader.Read();
        switch (name)
        {
            case "secretPhrase":
                fields.SecretPhrase = Once(fields.SecretPhrase, SecretValue(ref reader, name, path), name, path);
                break;
            case "secretSeed":
                fields.SecretSeed = Once(fields.SecretSeed, SecretValue(ref reader, name, path), name, path);
                break;
            case "privateKey":
                fields.PrivateKey = Once(fields.PrivateKey, SecretValue(ref reader, name, path), name, path);
                break;
            case "publicKey":
                fields.PublicKey = PublicValue(ref reader, name, path);
                break;
            case "accountId":
                fields.AccountId = PublicValue(ref reader, name, path);
                break;
            case "ss58Address":
                fields.Ss58Address = PublicValue(ref reader, name, path);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>A repeated secret field would leave two copies, one unwiped; it is refused instead.</summary>
    private static byte[]? Once(byte[]? existing, byte[]? value, string name, string path)
    {
        if (existing is not null && value is not null)
        {
            CryptographicOperations.ZeroMemory(value);
            throw new WalletFileException(path, WalletFileProblem.InvalidField, $"the field \"{name}\" appears more than once; expected it at most once.");
        }
        return value ?? existing;
    }

    private static byte[]? SecretValue(ref Utf8JsonReader reader, string name, string path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        RequireString(ref reader, name, path);
        var buffer = new byte[reader.ValueSpan.Length];
        var length = reader.CopyString(buffer);
        if (length == buffer.Length)
        {
            return buffer;
        }
        var exact = buffer.AsSpan(0, length).ToArray();
        CryptographicOperations.ZeroMemory(buffer);
        return exact;
    }

    private static string? PublicValue(ref Utf8JsonReader reader, string name, string path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        RequireString(ref reader, name, path);
        return reader.GetString();
    }

    private static void RequireString(ref Utf8JsonReader reader, string name, string path)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence)
        {
            throw new WalletFileException(path, WalletFileProblem.InvalidField, $"the field \"{name}\" is a JSON {reader.TokenType}; expected a string.");
        }
    }

    private static WalletFileException NotJson(string path, Exception? error) =>
        new(path, WalletFileProblem.NotJson, "the file is not a JSON object; expected btwallet keyfile JSON (or a $NACL-encrypted keyfile).", error);
}
