using System.Text.Json.Nodes;
using Loosh.Tests.Shared;

namespace Loosh.Protocols.Tests.Fiber;

/// <summary>tests/interop-fiber/oracle.mjs: the npm fernet package and Node's crypto (see the script for its requests).</summary>
internal static class FiberOracle
{
    public static JsonObject[] Run(params JsonObject[] requests) => NodeOracle.Run("interop-fiber", ["fernet"], requests);

    public static string Field(JsonObject answer, string name) => NodeOracle.Field(answer, name);
}
