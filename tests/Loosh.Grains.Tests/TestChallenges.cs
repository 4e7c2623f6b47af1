namespace Loosh.Grains.Tests;

internal static class TestChallenges
{
    public static ChallengeRequest Request(string id) => new(
        id, "corr-" + id, ChallengeSource.Legacy, null,
        [new ChatMessage("system", "Be brief."), new ChatMessage("user", "What is 2 + 2?")],
        "Qwen/Qwen2.5-32B-Instruct", 0.7, 0.95, 512,
        new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
        $$"""{"id":"{{id}}","messages":[{"role":"user","content":"What is 2 + 2?"}]}""");
}
