namespace Loosh.Protocols;

/// <summary>A problem with one field of a request body.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>
/// The outcome of parsing a request body: a value, a body that is not a JSON object at all
/// (<see cref="MalformedReason"/>), or a list of field problems.
/// </summary>
public sealed record ParseResult<T>(T? Value, string? MalformedReason, IReadOnlyList<FieldProblem> Problems)
    where T : class
{
    public bool IsOk => Value is not null;
}
