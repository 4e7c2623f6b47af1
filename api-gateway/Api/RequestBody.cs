using Microsoft.AspNetCore.Http.Features;

namespace Loosh.ApiGateway.Api;

/// <summary>Reads a request body with a hard size limit, before anything parses or decrypts it.</summary>
internal static class RequestBody
{
    /// <summary>The body bytes, or an error result (415 wrong content type, 413 too large) to return instead.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, IResult? Error)> ReadJsonAsync(HttpRequest request, int maxBytes)
    {
        if (!request.HasJsonContentType())
        {
            return (default, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "The body must be JSON with Content-Type: application/json."));
        }
        return await ReadAsync(request, maxBytes);
    }

    /// <summary>The body bytes whatever their content type, or a 413 result to return instead.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, IResult? Error)> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }
        // Chunked bodies have no Content-Length: cap what Kestrel will read as well.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (default, TooLarge(maxBytes));
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge(maxBytes));
        }
        return (buffer.ToArray(), null);
    }

    private static IResult TooLarge(int maxBytes) => ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
        $"The body must be at most {maxBytes} bytes (MAX_REQUEST_BODY_BYTES).");
}
