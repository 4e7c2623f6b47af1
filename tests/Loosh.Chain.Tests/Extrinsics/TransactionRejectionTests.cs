using System.Text.Json;
using Loosh.Chain.Extrinsics;
using Loosh.Chain.Rpc;

namespace Loosh.Chain.Tests.Extrinsics;

/// <summary>Pool verdicts (JSON-RPC 1010/1011) in both forms: chopsticks' JSON and a real node's text (chain.md §2.1).</summary>
public sealed class TransactionRejectionTests
{
    [Theory]
    [InlineData("""{"invalid":{"badProof":null}}""", "BadProof", null)]
    [InlineData("""{"invalid":{"stale":null}}""", "Stale", null)]
    [InlineData("""{"invalid":{"custom":19}}""", "Custom", 19)]
    [InlineData("""{"unknown":{"cannotLookup":null}}""", "CannotLookup", null)]
    [InlineData("\"Transaction has a bad signature\"", "BadProof", null)]
    [InlineData("\"Inability to pay some fees (e.g. account balance too low)\"", "Payment", null)]
    [InlineData("\"Custom error: 6\"", "Custom", 6)]
    [InlineData("\"Something new\"", "Something new", null)]
    public void A_pool_error_names_its_reason(string data, string reason, int? code)
    {
        var rejection = TransactionRejectedException.FromRpcError(Error(1010, data));

        Assert.NotNull(rejection);
        Assert.Equal(reason, rejection.Reason);
        Assert.Equal(code, rejection.CustomCode);
    }

    [Fact]
    public void A_verdict_in_the_message_as_chopsticks_sends_it_is_understood()
    {
        var error = new RpcErrorException("author_submitAndWatchExtrinsic", 1010, """{"invalid":{"badProof":null}}""", null);

        Assert.Equal("BadProof", TransactionRejectedException.FromRpcError(error)?.Reason);
    }

    [Fact]
    public void A_custom_code_is_named_with_subtensor_s_meaning()
    {
        var rejection = TransactionRejectedException.FromRpcError(Error(1010, """{"invalid":{"custom":19}}"""));

        Assert.Contains("Custom(19): UidNotFound (HotKeyNotRegisteredInSubNet)", rejection!.Message);
        Assert.Equal("unknown subtensor code 42", SubtensorTransactionErrors.Describe(42));
    }

    [Fact]
    public void Other_rpc_errors_are_not_pool_verdicts()
    {
        Assert.Null(TransactionRejectedException.FromRpcError(Error(-32601, "\"Method not found\"")));
    }

    private static RpcErrorException Error(int code, string data) =>
        new("author_submitAndWatchExtrinsic", code, "Invalid Transaction", JsonDocument.Parse(data).RootElement.Clone());
}
