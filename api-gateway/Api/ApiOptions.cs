using Loosh.GrainInterfaces;

namespace Loosh.ApiGateway.Api;

/// <summary>What the HTTP API needs to know of the configuration.</summary>
public sealed class ApiOptions
{
    public int Netuid { get; set; }
    public ChallengeMode ChallengeMode { get; set; }
    public int MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>The reference's MAX_CONCURRENT_CHALLENGES, reported as capacity by the health endpoint.</summary>
    public int MaxConcurrentChallenges { get; set; } = 15;

    /// <summary>
    /// Bearer token that authorises POST /set_running. When unset only requests from the loopback interface may
    /// pause the validator (the reference let anyone do it).
    /// </summary>
    public string? AdminApiKey { get; set; }

    /// <summary>The Challenge API's SS58 hotkeys, the only ones our Fiber server exchanges keys with; empty refuses all.</summary>
    public IReadOnlyList<string> ChallengeApiHotkeys { get; set; } = [];

    /// <summary>Hotkeys whose signed requests may pause and resume the validator (ADMIN_HOTKEYS).</summary>
    public IReadOnlyList<string> AdminHotkeys { get; set; } = [];
}
