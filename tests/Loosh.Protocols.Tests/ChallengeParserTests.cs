using System.Text;
using Loosh.Protocols.ChallengeApi;

namespace Loosh.Protocols.Tests;

/// <summary>ChallengeParser.Parse: the challenge object of protocols.md §1.4, with one problem per bad field.</summary>
public sealed class ChallengeParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 21, 12, 0, 0, TimeSpan.Zero);

    private static ParseResult<ChallengeMessage> Parse(string json) => ChallengeParser.Parse(Encoding.UTF8.GetBytes(json), Now);

    private static ChallengeMessage Valid(string json)
    {
        var result = Parse(json);
        Assert.Null(result.MalformedReason);
        Assert.Empty(result.Problems);
        Assert.True(result.IsOk);
        return result.Value!;
    }

    /// <summary>The result is invalid with exactly the named fields reported, in any order.</summary>
    private static IReadOnlyList<FieldProblem> Invalid(string json, params string[] fields)
    {
        var result = Parse(json);
        Assert.False(result.IsOk);
        Assert.Null(result.Value);
        Assert.Null(result.MalformedReason);
        Assert.Equal(fields.Order(StringComparer.Ordinal), result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        return result.Problems;
    }

    [Fact]
    public void A_minimal_challenge_has_an_id_and_a_prompt()
    {
        var challenge = Valid("""{"id":"c-1","prompt":"Explain photosynthesis."}""");

        Assert.Equal("c-1", challenge.Id);
        Assert.Equal("Explain photosynthesis.", challenge.Prompt);
        Assert.Empty(challenge.Messages);
        Assert.Null(challenge.CorrelationId);
        Assert.Null(challenge.Model);
        Assert.Null(challenge.Temperature);
        Assert.Null(challenge.TopP);
        Assert.Null(challenge.MaxTokens);
    }

    [Fact]
    public void A_challenge_may_carry_only_messages()
    {
        var challenge = Valid("""
            {"id":"c-2","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}
            """);

        Assert.Null(challenge.Prompt);
        Assert.Equal([new ChatMessageWire("system", "Be brief."), new ChatMessageWire("user", "Hi")], challenge.Messages);
    }

    [Fact]
    public void The_reference_example_parses_with_every_field()
    {
        var challenge = Valid("""
            {
              "id": "7c0e5a2e-uuid",
              "correlation_id": "gw-123",
              "prompt": "Explain tides",
              "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "Explain tides"}],
              "model": "Qwen/Qwen2.5-32B-Instruct",
              "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}],
              "tool_choice": "auto",
              "temperature": 0.7, "top_p": 0.95, "max_tokens": 12288,
              "metadata": {"model": "m", "timing_data": {"stages": []}},
              "created_at": "2026-03-21T10:00:00",
              "status": "available",
              "requester": null
            }
            """);

        Assert.Equal("7c0e5a2e-uuid", challenge.Id);
        Assert.Equal("gw-123", challenge.CorrelationId);
        Assert.Equal("Qwen/Qwen2.5-32B-Instruct", challenge.Model);
        Assert.Equal(0.7, challenge.Temperature);
        Assert.Equal(0.95, challenge.TopP);
        Assert.Equal(12288, challenge.MaxTokens);
        Assert.Equal(2, challenge.Messages.Count);
        Assert.Equal(new DateTimeOffset(2026, 3, 21, 10, 0, 0, TimeSpan.Zero), challenge.CreatedAt);
    }

    [Fact]
    public void A_missing_created_at_defaults_to_now()
    {
        Assert.Equal(Now, Valid("""{"id":"c","prompt":"p"}""").CreatedAt);
        Assert.Equal(Now, Valid("""{"id":"c","prompt":"p","created_at":null}""").CreatedAt);
    }

    [Fact]
    public void A_naive_created_at_is_read_as_UTC()
    {
        var createdAt = Valid("""{"id":"c","prompt":"p","created_at":"2026-03-21T10:00:00.123456"}""").CreatedAt;

        Assert.Equal(TimeSpan.Zero, createdAt.Offset);
        Assert.Equal(new DateTime(2026, 3, 21, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560), createdAt.UtcDateTime);
    }

    [Fact]
    public void A_created_at_with_an_offset_is_converted_to_UTC()
    {
        var createdAt = Valid("""{"id":"c","prompt":"p","created_at":"2026-03-21T12:00:00+02:00"}""").CreatedAt;

        Assert.Equal(new DateTimeOffset(2026, 3, 21, 10, 0, 0, TimeSpan.Zero), createdAt);
        Assert.Equal(TimeSpan.Zero, createdAt.Offset);
    }

    [Fact]
    public void OriginalJson_is_the_body_as_received()
    {
        const string body = """{ "id" : "c-9",  "prompt":"p", "extra": {"nested": [1, 2.50, "x"]} }""";

        Assert.Equal(body, Valid(body).OriginalJson);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var challenge = Valid("""{"id":"c","prompt":"p","status":"available","requester":null,"tool_choice":{"x":1},"whatever":[1]}""");

        Assert.Equal("c", challenge.Id);
    }

    [Fact]
    public void Multi_part_text_content_is_joined_with_newlines()
    {
        var challenge = Valid("""
            {"id":"c","messages":[{"role":"user","content":[{"type":"text","text":"first"},{"type":"text","text":"second"}]}]}
            """);

        Assert.Equal("first\nsecond", Assert.Single(challenge.Messages).Content);
    }

    [Fact]
    public void Null_or_absent_content_is_empty_text()
    {
        var challenge = Valid("""{"id":"c","messages":[{"role":"assistant","content":null},{"role":"user"}]}""");

        Assert.Equal(["", ""], challenge.Messages.Select(m => m.Content));
    }

    [Theory]
    [InlineData("{\"id\":\"c\",\"prompt\":\"p\"")]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"id":"c",}""")]
    public void Malformed_JSON_is_malformed_not_field_problems(string body)
    {
        var result = Parse(body);

        Assert.False(result.IsOk);
        Assert.Null(result.Value);
        Assert.NotNull(result.MalformedReason);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"id":"c","prompt":"p"}]""")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void JSON_that_is_not_an_object_is_malformed(string body)
    {
        var result = Parse(body);

        Assert.Equal("The body must be a JSON object.", result.MalformedReason);
        Assert.Empty(result.Problems);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Nesting_deeper_than_32_levels_is_malformed()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);

        var result = Parse($$"""{"id":"c","prompt":"p","metadata":{{deep}}}""");

        Assert.NotNull(result.MalformedReason);
        Assert.Null(result.Value);
    }

    [Theory]
    [InlineData("""{"prompt":"p"}""", "is required")]
    [InlineData("""{"id":null,"prompt":"p"}""", "is required")]
    [InlineData("""{"id":"","prompt":"p"}""", "must not be empty")]
    [InlineData("""{"id":"a b","prompt":"p"}""", "may contain only")]
    [InlineData("""{"id":"a/b","prompt":"p"}""", "may contain only")]
    [InlineData("""{"id":42,"prompt":"p"}""", "must be a string")]
    public void A_bad_id_is_reported(string json, string message)
    {
        var problem = Assert.Single(Invalid(json, "id"));

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_of_128_characters_is_fine_and_129_is_too_long()
    {
        Assert.Equal(128, Valid($$"""{"id":"{{new string('a', 128)}}","prompt":"p"}""").Id.Length);

        var problem = Assert.Single(Invalid($$"""{"id":"{{new string('a', 129)}}","prompt":"p"}""", "id"));
        Assert.Contains("128", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_may_use_letters_digits_dash_underscore_dot_and_colon()
    {
        Assert.Equal("Ab-9_x.y:z", Valid("""{"id":"Ab-9_x.y:z","prompt":"p"}""").Id);
    }

    [Theory]
    [InlineData("temperature", "\"hot\"")]
    [InlineData("temperature", "3")]
    [InlineData("temperature", "-0.1")]
    [InlineData("top_p", "1.5")]
    [InlineData("top_p", "true")]
    [InlineData("max_tokens", "0")]
    [InlineData("max_tokens", "1.5")]
    [InlineData("max_tokens", "\"100\"")]
    [InlineData("max_tokens", "1048577")]
    [InlineData("model", "7")]
    [InlineData("correlation_id", "{}")]
    [InlineData("metadata", "[]")]
    [InlineData("metadata", "\"m\"")]
    [InlineData("tools", "{}")]
    [InlineData("created_at", "\"yesterday\"")]
    [InlineData("created_at", "1711015200")]
    [InlineData("messages", "\"hello\"")]
    [InlineData("messages", "{}")]
    [InlineData("messages", "[]")]
    public void A_bad_field_is_reported_by_name(string field, string value)
    {
        Invalid($$"""{"id":"c","prompt":"p","{{field}}":{{value}}}""", field);
    }

    [Theory]
    [InlineData("temperature", "0")]
    [InlineData("temperature", "2")]
    [InlineData("top_p", "0")]
    [InlineData("top_p", "1")]
    [InlineData("max_tokens", "1")]
    [InlineData("max_tokens", "1048576")]
    [InlineData("metadata", "{}")]
    [InlineData("tools", "[]")]
    public void Values_at_the_limits_are_accepted(string field, string value)
    {
        Valid($$"""{"id":"c","prompt":"p","{{field}}":{{value}}}""");
    }

    [Fact]
    public void More_than_256_messages_are_rejected()
    {
        var messages = string.Join(",", Enumerable.Repeat("""{"role":"user","content":"x"}""", 257));

        Invalid($$"""{"id":"c","messages":[{{messages}}]}""", "messages");
    }

    [Fact]
    public void A_message_with_an_unknown_role_is_named_by_index()
    {
        var problem = Assert.Single(Invalid("""
            {"id":"c","messages":[{"role":"user","content":"x"},{"role":"wizard","content":"y"}]}
            """, "messages[1].role"));

        Assert.Contains("user", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"content":"x"}""")]
    [InlineData("""{"role":7,"content":"x"}""")]
    [InlineData("\"user: x\"")]
    public void A_message_without_a_string_role_is_named_by_index(string message)
    {
        Invalid($$"""{"id":"c","messages":[{{message}}]}""", "messages[0].role");
    }

    [Theory]
    [InlineData("42")]
    [InlineData("""{"text":"x"}""")]
    [InlineData("""[{"type":"image_url","image_url":{"url":"http://x"}}]""")]
    [InlineData("""[{"type":"text","text":1}]""")]
    [InlineData("""["x"]""")]
    public void Bad_message_content_is_named_by_index(string content)
    {
        Invalid($$"""{"id":"c","messages":[{"role":"user","content":{{content}}}]}""", "messages[0].content");
    }

    [Theory]
    [InlineData("""{"id":"c"}""")]
    [InlineData("""{"id":"c","prompt":""}""")]
    [InlineData("""{"id":"c","prompt":null,"messages":null}""")]
    public void A_challenge_needs_a_prompt_or_messages(string json)
    {
        Invalid(json, "prompt");
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        Invalid("""
            {"id":"a b","temperature":"hot","top_p":1.5,"max_tokens":0,
             "messages":[{"role":"wizard","content":"x"},{"role":"user","content":42}],
             "metadata":[],"tools":{},"created_at":"yesterday"}
            """,
            "id", "temperature", "top_p", "max_tokens", "messages[0].role", "messages[1].content", "metadata", "tools", "created_at");
    }

    [Fact]
    public void A_missing_id_and_a_missing_prompt_are_both_reported()
    {
        Invalid("{}", "id", "prompt");
    }
}
