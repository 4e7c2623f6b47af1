using System.Text;
using System.Text.Json;
using Loosh.Protocols.Miners;

namespace Loosh.Protocols.Tests;

/// <summary>The miner request and reply on the wire (protocols.md §2.3).</summary>
public sealed class MinerWireTests
{
    private static readonly TimeSpan Elapsed = TimeSpan.FromMilliseconds(1234);

    private static MinerOutcome Read(string json) => MinerWire.ReadReply(Encoding.UTF8.GetBytes(json), Elapsed);

    [Fact]
    public void The_request_is_snake_case_with_nulls_left_out()
    {
        using var tools = JsonDocument.Parse("""[{"type":"function","function":{"name":"f"}}]""");
        var request = new MinerRequest(
            null, [new MinerChatMessage("user", "Hi")], tools.RootElement.Clone(), null, "Qwen/Qwen2.5-32B-Instruct",
            12288, 0.7, 0.95, "c-1", new DateTimeOffset(2026, 3, 21, 10, 0, 1, 123, TimeSpan.Zero).AddTicks(4560));

        var json = Encoding.UTF8.GetString(MinerWire.Serialize(request));

        Assert.Equal(
            """{"messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f"}}],"model":"Qwen/Qwen2.5-32B-Instruct","max_tokens":12288,"temperature":0.7,"top_p":0.95,"correlation_id":"c-1","created_at":"2026-03-21T10:00:01.123456"}""",
            json);
    }

    [Fact]
    public void The_request_round_trips_with_timing_metadata()
    {
        using var timing = JsonDocument.Parse("""{"received":1.5}""");
        var request = new MinerRequest(
            "Why?", null, null, null, "m", 10, 0.1, 0.2, "c", DateTimeOffset.UnixEpoch,
            new MinerRequestMetadata(timing.RootElement.Clone()));

        var bytes = MinerWire.Serialize(request);
        var back = JsonSerializer.Deserialize<MinerRequest>(bytes, MinerWire.Options)!;

        Assert.Contains("\"metadata\":{\"timing_data\":{\"received\":1.5}}", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(request.CreatedAt, back.CreatedAt);
        Assert.Equal("Why?", back.Prompt);
        Assert.Equal(1.5, back.Metadata!.TimingData!.Value.GetProperty("received").GetDouble());
    }

    [Fact]
    public void Tool_calls_finish_reason_and_usage_are_kept_and_unknown_fields_ignored()
    {
        var outcome = Read("""
            {"response_text":"","response_time_ms":8000,"surprise":[1,2],
             "tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}],
             "finish_reason":"tool_calls","usage":{"prompt_tokens":100,"completion_tokens":900,"total_tokens":1000},
             "correlation_id":"c-9","metadata":{"timing_data":{}}}
            """);

        var answered = Assert.IsType<MinerOutcome.Answered>(outcome);
        var reply = answered.Reply;
        Assert.Equal("", reply.ResponseText);
        Assert.Equal(8000, reply.ResponseTimeMs);
        Assert.Equal(new MinerToolCall("call_1", "function", new MinerToolFunction("f", "{\"a\":1}")), Assert.Single(reply.ToolCalls!));
        Assert.Equal("tool_calls", reply.FinishReason);
        Assert.Equal(new MinerUsage(100, 900, 1000), reply.Usage);
        Assert.Equal("c-9", reply.CorrelationId);
        Assert.Equal(Elapsed, answered.Elapsed);
    }

    [Theory]
    [InlineData("""{"response_text": "unterminated""")]
    [InlineData("not json")]
    [InlineData("""{"response_text": 42}""")]
    [InlineData("""{"response_text": "x", "usage": "lots"}""")]
    [InlineData("")]
    public void Bad_json_is_a_malformed_failure(string json)
    {
        var failed = Assert.IsType<MinerOutcome.Failed>(Read(json));

        Assert.Equal(MinerFailureKind.MalformedJson, failed.Kind);
    }

    [Theory]
    [InlineData("""{"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""")]
    [InlineData("""{"response_text": null}""")]
    [InlineData("null")]
    public void A_missing_response_text_is_a_failure(string json)
    {
        var failed = Assert.IsType<MinerOutcome.Failed>(Read(json));

        Assert.Equal(MinerFailureKind.MissingResponseText, failed.Kind);
    }
}
