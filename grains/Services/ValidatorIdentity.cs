using Loosh.Chain.Crypto;

namespace Loosh.Grains.Services;

/// <summary>
/// The validator's own hotkey: it signs extrinsics, Challenge API requests and Fiber key exchanges, and its address is
/// excluded from miner selection and weights. One per silo, loaded once by the host from the wallet.
/// </summary>
public sealed class ValidatorIdentity : IDisposable
{
    public ValidatorIdentity(Sr25519KeyPair hotkey)
    {
        ArgumentNullException.ThrowIfNull(hotkey);
        Hotkey = hotkey;
        Ss58Address = Ss58.Encode(hotkey.PublicKey.Span);
    }

    /// <summary>The hotkey's keypair.</summary>
    public Sr25519KeyPair Hotkey { get; }

    /// <summary>The hotkey's SS58 address (generic Substrate prefix 42, as Bittensor uses).</summary>
    public string Ss58Address { get; }

    public void Dispose() => Hotkey.Dispose();
}
