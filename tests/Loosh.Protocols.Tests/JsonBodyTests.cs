using System.Text;
using System.Text.Json;

namespace Loosh.Protocols.Tests;

/// <summary>JsonBody and JsonFields: the shared reader under every request body.</summary>
public sealed class JsonBodyTests
{
    private sealed record Sample(string Name, bool Flag);

    private static ParseResult<Sample> Parse(string json, Func<JsonFields, Sample?> read) =>
        JsonBody.Parse(Encoding.UTF8.GetBytes(json), read);

    private static Sample? ReadSample(JsonFields fields)
    {
        var name = fields.RequiredString("name", 5);
        var flag = fields.RequiredBool("flag");
        return name is null || flag is null ? null : new Sample(name, flag.Value);
    }

    [Fact]
    public void A_valid_body_gives_the_value()
    {
        var result = Parse("""{"name":"abc","flag":true}""", ReadSample);

        Assert.True(result.IsOk);
        Assert.Equal(new Sample("abc", true), result.Value);
        Assert.Empty(result.Problems);
        Assert.Null(result.MalformedReason);
    }

    [Fact]
    public void Each_bad_field_is_one_problem()
    {
        var result = Parse("""{"name":"toolong","flag":"yes"}""", ReadSample);

        Assert.Null(result.Value);
        Assert.Null(result.MalformedReason);
        Assert.Equal(
            [new FieldProblem("name", "must be at most 5 characters"), new FieldProblem("flag", "must be true or false")],
            result.Problems);
    }

    [Fact]
    public void Absent_and_null_required_fields_are_required()
    {
        var result = Parse("""{"name":null}""", ReadSample);

        Assert.Equal([new FieldProblem("name", "is required"), new FieldProblem("flag", "is required")], result.Problems);
    }

    [Fact]
    public void A_reader_that_returns_null_without_problems_still_fails()
    {
        var result = Parse("{}", _ => null);

        Assert.False(result.IsOk);
        Assert.Null(result.MalformedReason);
        Assert.Equal([new FieldProblem("", "is invalid")], result.Problems);
    }

    [Fact]
    public void Invalid_JSON_is_malformed_and_the_reader_is_not_called()
    {
        var called = false;

        var result = Parse("{\"name\":", fields =>
        {
            called = true;
            return ReadSample(fields);
        });

        Assert.False(called);
        Assert.StartsWith("The body is not valid JSON", result.MalformedReason, StringComparison.Ordinal);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Optional_readers_leave_absent_and_null_fields_alone()
    {
        var result = Parse("""{"a":null}""", fields =>
        {
            Assert.Null(fields.OptionalString("a", 10));
            Assert.Null(fields.OptionalNumber("b", 0, 1));
            Assert.Null(fields.OptionalInteger("c", 0, 1));
            Assert.Null(fields.OptionalTimestamp("d"));
            fields.OptionalOfKind("a", JsonValueKind.Object, "an object");
            Assert.Empty(fields.Problems);
            return new Sample("x", false);
        });

        Assert.True(result.IsOk);
    }

    [Fact]
    public void Number_and_integer_ranges_are_inclusive_and_named_in_the_message()
    {
        var result = Parse("""{"n":0.5,"lo":-1,"i":10,"big":11}""", fields =>
        {
            Assert.Equal(0.5, fields.OptionalNumber("n", 0, 0.5));
            Assert.Null(fields.OptionalNumber("lo", 0, 1));
            Assert.Equal(10, fields.OptionalInteger("i", 1, 10));
            Assert.Null(fields.OptionalInteger("big", 1, 10));
            return new Sample("x", false);
        });

        Assert.Equal(
            [new FieldProblem("lo", "must be a number from 0 to 1"), new FieldProblem("big", "must be a whole number from 1 to 10")],
            result.Problems);
    }

    [Fact]
    public void Problems_can_be_added_by_the_reader()
    {
        var result = Parse("{}", fields =>
        {
            fields.Problem("custom", "is wrong");
            return new Sample("x", false);
        });

        Assert.Null(result.Value);
        Assert.Equal([new FieldProblem("custom", "is wrong")], result.Problems);
    }
}
