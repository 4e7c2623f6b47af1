using System.Globalization;
using System.Text;

namespace Loosh.Evaluation.Recording;

/// <summary>
/// The optional LLM narrative (evaluation.md §8.3; protocols.md LLM_API_URL / LLM_MODEL / LLM_API_KEY). Off unless
/// <see cref="Enabled"/>, as at the reference's HEAD. <see cref="ToString"/> never prints the key.
/// </summary>
public sealed record NarrativeOptions
{
    /// <summary>The reference's default LLM_API_URL.</summary>
    public static readonly Uri DefaultUrl = new("https://api.openai.com/v1/chat/completions");

    /// <summary>ENABLE_NARRATIVE_GENERATION; false by default.</summary>
    public bool Enabled { get; init; }

    /// <summary>LLM_API_URL: the full chat-completions URL, called exactly as given (§14.13).</summary>
    public Uri Url { get; init; } = DefaultUrl;

    /// <summary>LLM_MODEL.</summary>
    public string Model { get; init; } = "";

    /// <summary>LLM_API_KEY, sent as a Bearer token; none for local providers that need no key.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Limit for each attempt (the reference client's 60 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait before retry k (k = 0, 1) is this × 2^k; settable so tests need not sleep for seconds.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Replies larger than this are refused rather than buffered (800 tokens are a few kilobytes).</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Checks the settings an enabled narrative needs.</summary>
    /// <exception cref="ArgumentException">Enabled with a URL that is not absolute http(s), an empty model, a
    /// non-positive timeout, a negative retry delay or a non-positive response limit.</exception>
    public void Validate()
    {
        if (!Enabled)
        {
            return;
        }
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttps && Url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("LLM_API_URL must be an absolute http(s) URL.", nameof(Url));
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("LLM_MODEL must be set when the narrative is enabled.", nameof(Model));
        }
        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The timeout must be positive.", nameof(Timeout));
        }
        if (RetryBaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("The retry delay must not be negative.", nameof(RetryBaseDelay));
        }
        if (MaxResponseBytes <= 0)
        {
            throw new ArgumentException("The response limit must be positive.", nameof(MaxResponseBytes));
        }
    }

    /// <summary>
    /// Prints every setting but the key, which shows only whether it is set, and the URL without user info and query,
    /// where a key or password may also sit.
    /// </summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Enabled = {Enabled}, Url = {PrintableUrl()}, Model = {Model}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, ")
            .Append(CultureInfo.InvariantCulture, $"Timeout = {Timeout}, RetryBaseDelay = {RetryBaseDelay}, MaxResponseBytes = {MaxResponseBytes}");
        return true;
    }

    private string PrintableUrl() => Url is { IsAbsoluteUri: true }
        ? Url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        : "(not an absolute URL)";
}
