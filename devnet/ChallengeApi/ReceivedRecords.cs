using System.Text.Json;

namespace Loosh.Devnet.ChallengeApi;

/// <summary>A batch as the simulated API stored it; <see cref="Route"/> is "encrypted" or "plaintext".</summary>
public sealed record ReceivedBatch(string Route, string ChallengeId, string Hotkey, JsonElement Body);

/// <summary>A v0 single response (<c>POST /response</c>).</summary>
public sealed record ReceivedResponse(string ValidatorHotkey, JsonElement Body);

/// <summary>An analytics report; <see cref="Path"/> tells which endpoint took it.</summary>
public sealed record ReceivedReport(string Path, string Hotkey, JsonElement Body);

/// <summary>An uploaded heatmap or quality plot, kept with its bytes so tests can compare them.</summary>
public sealed record ReceivedHeatmap(string Route, string ChallengeId, string FileType, string Filename, byte[] Data);

/// <summary>
/// Everything the simulated Challenge API accepted, in arrival order. Tests and the <c>/_devnet/received</c> route read
/// it to prove that what the validator sent arrived intact, not merely that the validator believed so.
/// </summary>
public sealed class ReceivedRecords
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedBatch> _batches = [];
    private readonly List<ReceivedResponse> _responses = [];
    private readonly List<ReceivedReport> _reports = [];
    private readonly List<ReceivedHeatmap> _heatmaps = [];

    public IReadOnlyList<ReceivedBatch> Batches => Snapshot(_batches);

    public IReadOnlyList<ReceivedResponse> Responses => Snapshot(_responses);

    public IReadOnlyList<ReceivedReport> Reports => Snapshot(_reports);

    public IReadOnlyList<ReceivedHeatmap> Heatmaps => Snapshot(_heatmaps);

    /// <summary>Stores the batch unless one for the same challenge is already held (the API then answers 409).</summary>
    internal bool TryAddBatch(ReceivedBatch batch)
    {
        lock (_lock)
        {
            if (_batches.Exists(held => held.ChallengeId == batch.ChallengeId))
            {
                return false;
            }
            _batches.Add(batch);
            return true;
        }
    }

    internal void Add(ReceivedResponse response) => Add(_responses, response);

    internal void Add(ReceivedReport report) => Add(_reports, report);

    internal void Add(ReceivedHeatmap heatmap) => Add(_heatmaps, heatmap);

    private void Add<T>(List<T> list, T item)
    {
        lock (_lock)
        {
            list.Add(item);
        }
    }

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_lock)
        {
            return [.. list];
        }
    }
}
