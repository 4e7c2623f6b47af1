using System.Globalization;
using System.Text.Json;
using Loosh.Chain.Rpc;

namespace Loosh.Chain.Extrinsics;

/// <summary>
/// The transaction never made it into a block: the pool refused it (JSON-RPC 1010 invalid / 1011 unknown validity,
/// e.g. BadProof when the signature or the signed extension data is wrong, Custom(n) from subtensor's own checks), or
/// it was dropped, or no block included it in time. Unlike a dispatch failure no nonce is spent, so the caller may fix
/// the cause and send again. <see cref="Reason"/> is the validity error's name (BadProof, Stale, Payment, Custom, …).
/// </summary>
public sealed class TransactionRejectedException : Exception
{
    private const int InvalidTransactionCode = 1010;
    private const int UnknownTransactionCode = 1011;
    private const string CustomPrefix = "Custom error: ";

    /// <summary>Substrate's texts for InvalidTransaction variants, as a real node puts them in the error data.</summary>
    private static readonly Dictionary<string, string> InvalidTransactionTexts = new(StringComparer.Ordinal)
    {
        ["Transaction call is not expected"] = "Call",
        ["Transaction will be valid in the future"] = "Future",
        ["Transaction is outdated"] = "Stale",
        ["Transaction has a bad signature"] = "BadProof",
        ["Transaction has an ancient birth block"] = "AncientBirthBlock",
        ["Transaction would exhaust the block limits"] = "ExhaustsResources",
        ["Inability to pay some fees (e.g. account balance too low)"] = "Payment",
    };

    public TransactionRejectedException() { }

    public TransactionRejectedException(string message) : base(message) { }

    public TransactionRejectedException(string message, Exception innerException) : base(message, innerException) { }

    public TransactionRejectedException(string reason, int? customCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        CustomCode = customCode;
    }

    /// <summary>BadProof, Stale, Future, Payment, AncientBirthBlock, Custom, …, or the watch's end ("dropped", "invalid", a timeout).</summary>
    public string Reason { get; } = "";

    /// <summary>The n of Custom(n): subtensor's code, see <see cref="SubtensorTransactionErrors"/>.</summary>
    public int? CustomCode { get; }

    /// <summary>
    /// The rejection an RPC error stands for, or null when it is not a pool verdict. Both data forms are understood:
    /// a node's text ("Transaction has a bad signature", "Custom error: 19") and chopsticks' JSON
    /// (<c>{"invalid":{"badProof":null}}</c>, <c>{"invalid":{"custom":19}}</c>), in the error's data or, as chopsticks
    /// sends it, in its message.
    /// </summary>
    public static TransactionRejectedException? FromRpcError(RpcErrorException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Code is not (InvalidTransactionCode or UnknownTransactionCode))
        {
            return null;
        }
        var (reason, code) = Parse(error);
        var meaning = code is { } custom ? $"Custom({custom}): {SubtensorTransactionErrors.Describe(custom)}" : reason;
        return new TransactionRejectedException(reason, code, $"The transaction pool rejected the extrinsic: {meaning}. {error.Message}", error);
    }

    private static (string Reason, int? Code) Parse(RpcErrorException error)
    {
        if (error.Data is { ValueKind: JsonValueKind.String } text)
        {
            return ParseText(text.GetString()!);
        }
        var verdict = error.Data ?? JsonObject(error.ErrorMessage);
        return verdict is { } json && ParseObject(json) is { } parsed ? parsed : ParseText(error.ErrorMessage);
    }

    /// <summary>The JSON form: <c>{"invalid":{"badProof":null}}</c>, <c>{"invalid":{"custom":19}}</c>, <c>{"unknown":{…}}</c>.</summary>
    private static (string Reason, int? Code)? ParseObject(JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Object
            && data.EnumerateObject().FirstOrDefault() is { Value.ValueKind: JsonValueKind.Object } validity
            && validity.Value.EnumerateObject().FirstOrDefault() is { Name.Length: > 0 } variant)
        {
            var reason = char.ToUpperInvariant(variant.Name[0]) + variant.Name[1..];
            return (reason, variant.Value.ValueKind == JsonValueKind.Number ? variant.Value.GetInt32() : null);
        }
        return null;
    }

    /// <summary>A node's text form: "Transaction has a bad signature", "Custom error: 19".</summary>
    private static (string Reason, int? Code) ParseText(string text)
    {
        if (text.StartsWith(CustomPrefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(CustomPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var custom))
        {
            return ("Custom", custom);
        }
        return (InvalidTransactionTexts.GetValueOrDefault(text, text), null);
    }

    private static JsonElement? JsonObject(string text)
    {
        if (!text.StartsWith('{'))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
