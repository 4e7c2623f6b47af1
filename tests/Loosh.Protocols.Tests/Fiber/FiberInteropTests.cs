using System.Text;
using System.Text.Json.Nodes;
using Loosh.Protocols.Fiber;

namespace Loosh.Protocols.Tests.Fiber;

/// <summary>
/// FernetKey and FiberRsa against independent implementations: npm fernet and Node's RSA-OAEP with SHA-256
/// (tests/interop-fiber, installed by <c>npm ci</c>).
/// </summary>
public sealed class FiberInteropTests
{
    private const string Message = "{\"prompt\":\"héllo → wörld\",\"n\":1}";

    [Fact]
    public void Our_tokens_decrypt_with_npm_fernet_and_its_tokens_with_ours()
    {
        var key = FernetKey.Generate();
        var ours = key.Encrypt(Encoding.UTF8.GetBytes(Message), TimeProvider.System);

        var answers = FiberOracle.Run(
            new JsonObject { ["op"] = "fernetDecrypt", ["key"] = key.Text, ["token"] = ours, ["ttl"] = 3600 },
            new JsonObject { ["op"] = "fernetEncrypt", ["key"] = key.Text, ["message"] = Message },
            new JsonObject { ["op"] = "fernetDecrypt", ["key"] = FernetKey.Generate().Text, ["token"] = ours });

        Assert.Equal(Message, FiberOracle.Field(answers[0], "message"));
        var theirs = FiberOracle.Field(answers[1], "token");
        Assert.Equal(Message, Encoding.UTF8.GetString(key.Decrypt(theirs, TimeSpan.FromHours(1), TimeProvider.System)));
        Assert.NotNull(answers[2]["error"]);
    }

    [Fact]
    public void Our_rsa_oaep_ciphertexts_decrypt_in_node_and_nodes_in_ours()
    {
        using var ours = FiberRsa.Generate();
        var fernetKey = FernetKey.Generate();
        var generated = FiberOracle.Run(
            new JsonObject { ["op"] = "rsaGenerate" },
            new JsonObject { ["op"] = "rsaEncrypt", ["publicKey"] = FiberRsa.ExportPublicKeyPem(ours), ["message"] = fernetKey.Text });
        using var theirPublic = FiberRsa.ImportPublicKeyPem(FiberOracle.Field(generated[0], "publicKey"));

        var decrypted = FiberOracle.Run(new JsonObject
        {
            ["op"] = "rsaDecrypt",
            ["privateKey"] = FiberOracle.Field(generated[0], "privateKey"),
            ["ciphertext"] = Convert.ToBase64String(FiberRsa.EncryptKey(theirPublic, fernetKey)),
        });

        Assert.Equal(fernetKey.Text, FiberOracle.Field(decrypted[0], "message"));
        var fromNode = Convert.FromBase64String(FiberOracle.Field(generated[1], "ciphertext"));
        Assert.Equal(256, fromNode.Length);
        Assert.Equal(fernetKey.Text, FiberRsa.DecryptKey(ours, fromNode).Text);
    }

    [Fact]
    public void The_public_key_is_pem_subject_public_key_info()
    {
        using var key = FiberRsa.Generate();

        var pem = FiberRsa.ExportPublicKeyPem(key);

        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem, StringComparison.Ordinal);
        using var imported = FiberRsa.ImportPublicKeyPem(pem);
        Assert.Equal(FiberRsa.KeySizeBits, imported.KeySize);
    }
}
