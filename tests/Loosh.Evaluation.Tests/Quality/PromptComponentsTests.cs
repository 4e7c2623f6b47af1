using Loosh.Evaluation.Quality;

namespace Loosh.Evaluation.Tests.Quality;

/// <summary>PromptComponents.Decompose: the eight strategies of evaluation.md §3.4, in order (E11).</summary>
public sealed class PromptComponentsTests
{
    [Fact]
    public void E11_two_sub_questions()
    {
        Assert.Equal(["What is TCP?", "How does it differ from UDP?"], PromptComponents.Decompose("What is TCP? How does it differ from UDP?"));
    }

    [Fact]
    public void Strategy1_strips_pieces_and_re_appends_the_question_mark()
    {
        Assert.Equal(["What is TCP?", "How does UDP work?"], PromptComponents.Decompose("  What is TCP ?\n How does UDP work?  "));
    }

    [Fact]
    public void Strategy1_quirk_returns_a_single_piece_once_it_has_two_before_filtering()
    {
        // Two pieces before the three-word filter, so strategy 1 wins and returns what survives: one piece.
        Assert.Equal(["What is TCP?"], PromptComponents.Decompose("Why? What is TCP?"));
    }

    [Fact]
    public void Strategy1_quirk_can_return_no_components()
    {
        Assert.Empty(PromptComponents.Decompose("Why? How?"));
    }

    [Fact]
    public void Strategy2_numbered_items_drop_their_numbers()
    {
        // "Compare these:" has two words and is dropped; the newline strategy would have kept "1. …".
        Assert.Equal(
            ["The speed of TCP", "The reliability of UDP"],
            PromptComponents.Decompose("Compare these:\n1. The speed of TCP\n2. The reliability of UDP"));
    }

    [Fact]
    public void Strategy2_bullets_and_parenthesised_numbers_at_text_start_and_after_newlines()
    {
        Assert.Equal(
            ["Explain the TCP handshake", "Explain UDP header fields", "Explain QUIC streams briefly"],
            PromptComponents.Decompose("- Explain the TCP handshake\n• Explain UDP header fields\n  * Explain QUIC streams briefly"));
        Assert.Equal(
            ["Open the socket now", "Send the request bytes"],
            PromptComponents.Decompose("1) Open the socket now\n2) Send the request bytes"));
    }

    [Fact]
    public void A_dash_inside_a_line_is_not_a_list_marker()
    {
        const string prompt = "Explain the well-known TCP - UDP tradeoffs in practice";

        Assert.Equal([prompt], PromptComponents.Decompose(prompt));
    }

    [Fact]
    public void Strategy3_newlines()
    {
        Assert.Equal(
            ["Explain the TCP handshake", "Then explain how UDP differs"],
            PromptComponents.Decompose("Explain the TCP handshake\n\nThen explain how UDP differs\n"));
    }

    [Fact]
    public void Newlines_win_over_colons()
    {
        Assert.Equal(
            ["Answer both parts:", "Explain the TCP handshake", "Compare it with UDP today"],
            PromptComponents.Decompose("Answer both parts:\nExplain the TCP handshake\nCompare it with UDP today"));
    }

    [Fact]
    public void Strategy4_colons()
    {
        Assert.Equal(
            ["Consider this scenario", "a client sends many packets quickly"],
            PromptComponents.Decompose("Consider this scenario: a client sends many packets quickly"));
    }

    [Fact]
    public void Strategy5_semicolons()
    {
        Assert.Equal(
            ["Explain TCP congestion control", "compare UDP use cases"],
            PromptComponents.Decompose("Explain TCP congestion control; compare UDP use cases"));
    }

    [Fact]
    public void Strategy6_and_or_in_any_case()
    {
        Assert.Equal(
            ["Explain how TCP works", "explain when UDP is better"],
            PromptComponents.Decompose("Explain how TCP works AND explain when UDP is better"));
        Assert.Equal(
            ["Should we pick TCP streams", "should we pick UDP datagrams"],
            PromptComponents.Decompose("Should we pick TCP streams or should we pick UDP datagrams"));
    }

    [Fact]
    public void Strategy7_comma_subordinator_keeps_the_comma_on_the_clause()
    {
        // Segments are cut at each boundary's start, so the second begins with ", which" as in the reference.
        Assert.Equal(
            ["Describe the protocol", ", which guarantees ordered delivery of packets"],
            PromptComponents.Decompose("Describe the protocol, which guarantees ordered delivery of packets"));
    }

    [Fact]
    public void Strategy7_relative_pronoun_with_up_to_three_words_before_be_or_have()
    {
        Assert.Equal(
            ["Name the protocol", "that is used for streaming video"],
            PromptComponents.Decompose("Name the protocol that is used for streaming video"));
        Assert.Equal(
            ["Find the server", "that the client usually has trusted"],
            PromptComponents.Decompose("Find the server that the client usually has trusted"));
    }

    [Fact]
    public void Strategy7_four_words_before_be_or_have_is_no_boundary()
    {
        const string prompt = "Find the server that the old client usually has trusted";

        Assert.Equal([prompt], PromptComponents.Decompose(prompt));
    }

    [Fact]
    public void Strategy8_whole_prompt_even_when_short()
    {
        Assert.Equal(["Explain photosynthesis"], PromptComponents.Decompose("  Explain photosynthesis \n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Strategy8_blank_prompt_has_no_components(string prompt)
    {
        Assert.Empty(PromptComponents.Decompose(prompt));
    }
}
