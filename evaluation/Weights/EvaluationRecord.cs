namespace Loosh.Evaluation.Weights;

/// <summary>
/// One stored per-challenge evaluation as the weight run reads it back: when it was stored and what each miner
/// earned. The moving average is built from these rows, so they carry exactly what the reference reads.
/// </summary>
/// <param name="Id">The row's storage id; breaks ties between rows stored at the same instant, as the database's
/// row order does in the reference.</param>
/// <param name="CreatedAt">When the row was stored.</param>
/// <param name="Emissions">Emission per miner hotkey for that challenge; miners absent from it are not decayed.</param>
public sealed record EvaluationRecord(long Id, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, double> Emissions);
