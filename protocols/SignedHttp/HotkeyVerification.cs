namespace Loosh.Protocols.SignedHttp;

/// <summary>
/// Why a hotkey-signed request was accepted or refused, so an endpoint can log the precise reason while answering
/// the caller with a plain 401.
/// </summary>
public enum HotkeyVerification
{
    Valid,
    MissingHeaders,
    UnknownHotkey,
    MalformedNonce,
    StaleNonce,
    BadSignature,
    Replayed,
    ReplayCacheFull,
}
