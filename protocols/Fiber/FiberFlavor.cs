namespace Loosh.Protocols.Fiber;

/// <summary>
/// Which peer a <see cref="FiberClient"/> talks to: miners and the Challenge API run different Fiber versions whose
/// handshake bodies, signed text, ciphertext encoding and header names differ (protocols.md §1.1(c), §2.2).
/// </summary>
public enum FiberFlavor
{
    Miner,
    ChallengeApi,
}
