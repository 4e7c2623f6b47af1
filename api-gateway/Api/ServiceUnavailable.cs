using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Loosh.ApiGateway.Api;

/// <summary>
/// Turns "the cluster or the database cannot be reached right now" into 503 with Retry-After instead of 500:
/// a silo that just died is replaced within seconds, and the caller should retry.
/// </summary>
internal sealed partial class ServiceUnavailable(ILogger<ServiceUnavailable> logger) : IExceptionHandler
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or DbException => true,
        Orleans.Runtime.Messaging.ConnectionFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
        {
            return false;
        }
        LogUnavailable(logger, exception, httpContext.Request.Path);
        httpContext.Response.Headers.RetryAfter = "5";
        await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
            detail: "The validator cluster or its database cannot be reached right now; retry shortly.").ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Path} failed: the cluster or database is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, PathString path);
}
