using System.Text.Json;

namespace Loosh.Chain.Tests;

/// <summary>
/// recorded_rpc.json (chain.md §5.1): real finney traffic as {sdk call: {rpc method: {params as JSON text: response}}}.
/// Params are parsed and compared structurally, not as text.
/// </summary>
public static class RecordedRpc
{
    public const string File = "recorded_rpc.json";

    private static readonly Lazy<IReadOnlyList<RecordedCall>> AllCalls = new(Load);

    /// <summary>Every recorded call of <paramref name="method"/>, across all SDK calls.</summary>
    public static IEnumerable<RecordedCall> Calls(string method) => AllCalls.Value.Where(call => call.Method == method);

    /// <summary>The hex result (without 0x) of the first <paramref name="method"/> call whose first parameter is <paramref name="firstParameter"/>.</summary>
    public static byte[] ResultOf(string sdkCall, string method, string firstParameter)
    {
        var call = AllCalls.Value.First(call =>
            call.SdkCall == sdkCall && call.Method == method && call.Parameters[0].GetString() == firstParameter);
        return Convert.FromHexString(call.Result.GetString()!.AsSpan(2));
    }

    /// <summary>Every storage key the SDK asked for or listed: getStorage(At) keys, queryStorageAt keys and getKeysPaged prefixes.</summary>
    public static ISet<string> RequestedStorageKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var call in AllCalls.Value)
        {
            switch (call.Method)
            {
                case "state_getStorage" or "state_getStorageAt" or "state_getKeysPaged":
                    keys.Add(call.Parameters[0].GetString()!);
                    break;
                case "state_queryStorageAt":
                    keys.UnionWith(call.Parameters[0].EnumerateArray().Select(key => key.GetString()!));
                    break;
            }
        }
        return keys;
    }

    private static List<RecordedCall> Load()
    {
        using var document = JsonDocument.Parse(ChainFixtures.Text(File));
        var calls = new List<RecordedCall>();
        foreach (var sdkCall in document.RootElement.EnumerateObject())
        {
            foreach (var method in sdkCall.Value.EnumerateObject())
            {
                foreach (var request in method.Value.EnumerateObject())
                {
                    using var parsed = JsonDocument.Parse(request.Name);
                    var parameters = parsed.RootElement.Clone().EnumerateArray().ToArray();
                    var result = request.Value.ValueKind == JsonValueKind.Object && request.Value.TryGetProperty("result", out var value)
                        ? value.Clone()
                        : default;
                    calls.Add(new RecordedCall(sdkCall.Name, method.Name, parameters, result));
                }
            }
        }
        return calls;
    }
}

public sealed record RecordedCall(string SdkCall, string Method, JsonElement[] Parameters, JsonElement Result);
