using System.Text.Json.Nodes;
using Loosh.Tests.Shared;

namespace Loosh.Chain.Tests.Crypto;

/// <summary>tests/interop-crypto/oracle.mjs: polkadot-js and @scure/sr25519 (see the script for its requests).</summary>
internal static class CryptoOracle
{
    public static JsonObject[] Run(params JsonObject[] requests) =>
        NodeOracle.Run("interop-crypto", ["@polkadot/util-crypto", "@scure/sr25519"], requests);
}
