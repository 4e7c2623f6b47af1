namespace Loosh.Devnet.ChallengeApi;

/// <summary>
/// What the simulated Challenge API knows and answers. The validator hotkeys are both its <c>GET /validators</c> list
/// and the only callers it trusts, because the real service accepts signed and Fiber calls only from validators it knows.
/// </summary>
public sealed class SimulatedChallengeApiOptions
{
    /// <summary>The loopback port; 0 lets the OS choose one.</summary>
    public int Port { get; init; }

    /// <summary>SS58 hotkeys of the validators: listed by <c>GET /validators</c> and allowed to sign and exchange keys.</summary>
    public IReadOnlyList<string> ValidatorHotkeys { get; init; } = [];

    /// <summary>The v0 credential expected as <c>Authorization: Bearer</c> and <c>api-key</c>.</summary>
    public string ApiKey { get; init; } = "api-key-0";

    /// <summary><c>priority_weight</c> per miner hotkey in sybil-score answers; any other miner gets 1.0.</summary>
    public IReadOnlyDictionary<string, double> PriorityWeights { get; init; } = new Dictionary<string, double>();

    /// <summary><c>sybil_score</c> per miner hotkey in sybil-score answers (0 clean … 1 certain); any other miner gets 0.</summary>
    public IReadOnlyDictionary<string, double> SybilScores { get; init; } = new Dictionary<string, double>();

    /// <summary>How far a signed nonce or key-exchange timestamp may be from this service's clock.</summary>
    public TimeSpan FreshnessWindow { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Request bodies larger than this are refused, as a real service bounds what it buffers.</summary>
    public long MaxRequestBodyBytes { get; init; } = 16 << 20;
}
