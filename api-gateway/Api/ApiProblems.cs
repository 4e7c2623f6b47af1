using Loosh.Protocols;

namespace Loosh.ApiGateway.Api;

/// <summary>RFC 9457 problem-details results, so every error names what was wrong.</summary>
internal static class ApiProblems
{
    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>400 for a body that is not a JSON object, 422 naming each bad field otherwise.</summary>
    public static IResult BadBody<T>(ParseResult<T> result) where T : class =>
        result.MalformedReason is { } reason
            ? Problem(StatusCodes.Status400BadRequest, "Malformed body", reason)
            : Results.ValidationProblem(
                result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Invalid fields",
                detail: string.Join("; ", result.Problems.Select(p => $"{p.Field} {p.Message}")));

    public static IResult InvalidQuery(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid query", detail: $"{field} {message}");
}
