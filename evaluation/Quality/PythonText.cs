namespace Loosh.Evaluation.Quality;

/// <summary>
/// The few places where Python's string semantics, which the reference's scores depend on, differ from .NET's
/// defaults. Only the ones that can change a score on real text are matched; others are noted where they arise.
/// Not matched anywhere: .NET's <c>\s</c> and <c>Trim</c> do not treat U+001C–U+001F as white space, Python does.
/// </summary>
internal static class PythonText
{
    /// <summary>
    /// Python's <c>\w</c> for <c>str</c> patterns: characters for which <c>str.isalnum()</c> holds, plus <c>_</c>,
    /// i.e. letters and every kind of number. .NET's <c>\w</c> instead adds non-spacing marks (Mn) and all
    /// connector punctuation (Pc) and leaves out letter-like and other numbers (Nl, No such as "²"), and .NET's
    /// <c>\b</c> follows its own <c>\w</c>. Patterns that port a Python <c>\w</c> or <c>\b</c> use this class.
    /// </summary>
    public const string WordCharacter = @"[\p{L}\p{N}_]";

    /// <summary>Python's <c>\b</c> before a word: the previous character is not a <see cref="WordCharacter"/>.</summary>
    public const string WordStart = @"(?<!" + WordCharacter + ")";

    /// <summary>Python's <c>\b</c> after a word: the next character is not a <see cref="WordCharacter"/>.</summary>
    public const string WordEnd = @"(?!" + WordCharacter + ")";
}
