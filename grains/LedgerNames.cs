using System.Text.Json;

namespace Loosh.Grains;

/// <summary>How enum values are spelled in the ledger's text columns: snake_case, e.g. "received", "push".</summary>
internal static class LedgerNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value)
            ? value
            : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name} in the ledger.");
}
