using System.Globalization;
using Loosh.Chain.Rpc;

namespace Loosh.Cli;

/// <summary>
/// Command-line options (<c>--name value</c>), falling back to the validator's own environment variables and
/// <c>.env</c> (NETUID, SUBTENSOR_NETWORK, SUBTENSOR_ADDRESS, WALLET_PATH, WALLET_NAME, HOTKEY_NAME,
/// HOTKEY_PASSWORD), so the tool sees the same wallet and chain as the validator.
/// </summary>
internal sealed class CliOptions(IReadOnlyDictionary<string, string> options, IReadOnlyDictionary<string, string> environment)
{
    public static CliOptions Parse(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= arguments.Count)
            {
                throw new CliException($"expected --option value, got '{name}'");
            }
            options[name[2..]] = arguments[++i];
        }
        return new CliOptions(options, environment);
    }

    public string? Text(string option, string? variable = null) =>
        options.TryGetValue(option, out var value) ? value
        : variable is not null && environment.TryGetValue(variable, out var fromEnvironment) && fromEnvironment.Length > 0 ? fromEnvironment
        : null;

    public string Required(string option, string? variable = null) =>
        Text(option, variable) ?? throw new CliException($"--{option}{(variable is null ? "" : $" (or {variable})")} is required");

    public ushort Netuid => ParseNumber<ushort>("netuid", Required("netuid", "NETUID"));

    public Uri Endpoint
    {
        get
        {
            var address = Text("endpoint", "SUBTENSOR_ADDRESS");
            try
            {
                return SubstrateEndpoints.Resolve(Text("network", "SUBTENSOR_NETWORK") ?? "finney", address is null ? null : new Uri(address));
            }
            catch (Exception e) when (e is ArgumentException or UriFormatException)
            {
                throw new CliException(e.Message);
            }
        }
    }

    public static T ParseNumber<T>(string what, string text) where T : IParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : throw new CliException($"{what} '{text}' is not a valid {typeof(T).Name}");
}

/// <summary>A mistake in the command line or its inputs; reported as one line, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
