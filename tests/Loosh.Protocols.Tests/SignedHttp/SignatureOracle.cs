using System.Text;
using System.Text.Json.Nodes;
using Loosh.Chain.Crypto;
using Loosh.Tests.Shared;

namespace Loosh.Protocols.Tests.SignedHttp;

/// <summary>
/// Asks polkadot-js (through tests/interop-crypto/oracle.mjs) whether signatures are valid, so the signer is checked
/// against an sr25519 implementation other than our own.
/// </summary>
internal static class SignatureOracle
{
    /// <summary>One verdict per (SS58 address, signed text, 0x-hex signature), in order.</summary>
    public static bool[] Verify(params (string Address, string Message, string Signature)[] checks)
    {
        var requests = checks.Select(check => new JsonObject
        {
            ["op"] = "verify",
            ["publicKey"] = Convert.ToHexStringLower(Ss58.Decode(check.Address).AccountId),
            ["message"] = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(check.Message)),
            ["signature"] = check.Signature.StartsWith("0x", StringComparison.Ordinal) ? check.Signature[2..] : check.Signature,
        }).ToArray();
        return [.. NodeOracle.Run("interop-crypto", ["@polkadot/util-crypto"], requests).Select(answer => answer["polkadot"]!.GetValue<bool>())];
    }
}
