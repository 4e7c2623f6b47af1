using Loosh.TestSupport;

namespace Loosh.Storage.Tests;

/// <summary>Outbox: durable delivery with idempotency keys, leases and retries.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Outbox _outbox = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _outbox = new Outbox(_database.DataSource);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static OutboxMessage Message(string id, string payload = """{"n": 1}""") => new(id, "challenge-batch", payload);

    [Fact]
    public async Task The_first_payload_for_an_id_wins()
    {
        Assert.True(await _outbox.EnqueueAsync(Message("batch:c1", """{"n": 1}""")));
        Assert.False(await _outbox.EnqueueAsync(Message("batch:c1", """{"n": 2}""")));

        var claimed = Assert.Single(await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(1)));
        Assert.Equal("""{"n": 1}""", claimed.Message.PayloadJson);
        Assert.Equal(1, claimed.Attempt);
    }

    [Fact]
    public async Task A_claimed_message_is_not_claimed_again_until_its_lease_ends()
    {
        await _outbox.EnqueueAsync(Message("m1"));
        Assert.Single(await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(5)));
        Assert.Empty(await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(5)));

        // A sender that died mid-attempt: once its lease is over, another sender gets the message.
        await _database.ExecuteAsync("UPDATE outbox SET claimed_until = now() - interval '1 second'");
        var again = Assert.Single(await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(5)));
        Assert.Equal(2, again.Attempt);
    }

    [Fact]
    public async Task Concurrent_senders_split_the_due_messages_without_overlap()
    {
        for (var i = 0; i < 40; i++)
        {
            await _outbox.EnqueueAsync(Message($"m{i:00}"));
        }
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _outbox.ClaimDueAsync(15, TimeSpan.FromMinutes(1))));
        var ids = claims.SelectMany(c => c).Select(c => c.Message.MessageId).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_delivered_message_is_never_claimed_again()
    {
        await _outbox.EnqueueAsync(Message("m1"));
        await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(1));
        await _outbox.MarkDeliveredAsync("m1", 409);

        await _database.ExecuteAsync("UPDATE outbox SET claimed_until = NULL, next_attempt_at = now() - interval '1 hour'");
        Assert.Empty(await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(1)));
        Assert.False(await _outbox.EnqueueAsync(Message("m1")));
        var status = await _outbox.GetStatusAsync("m1");
        Assert.NotNull(status);
        Assert.True(status.IsDelivered);
        Assert.Equal(409, status.DeliveryStatus);
        Assert.Equal(0, await _outbox.CountPendingAsync());
    }

    [Fact]
    public async Task A_failed_attempt_waits_for_its_retry_time_and_keeps_the_error()
    {
        await _outbox.EnqueueAsync(Message("m1"));
        await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(1));
        await _outbox.MarkFailedAsync("m1", "503 from the Challenge API", TimeSpan.FromMinutes(10));

        Assert.Empty(await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(1)));
        var status = await _outbox.GetStatusAsync("m1");
        Assert.Equal("503 from the Challenge API", status?.LastError);
        Assert.Equal(1, await _outbox.CountPendingAsync());

        await _database.ExecuteAsync("UPDATE outbox SET next_attempt_at = now() - interval '1 second'");
        Assert.Equal(2, Assert.Single(await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(1))).Attempt);
    }

    [Fact]
    public async Task Claiming_one_message_by_id_leaves_the_others()
    {
        await _outbox.EnqueueAsync(Message("m1"));
        await _outbox.EnqueueAsync(Message("m2"));
        Assert.Equal("m2", Assert.Single(await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(1), "m2")).Message.MessageId);
        Assert.Equal("m1", Assert.Single(await _outbox.ClaimDueAsync(10, TimeSpan.FromMinutes(1))).Message.MessageId);
        Assert.Null(await _outbox.GetStatusAsync("m3"));
    }

    [Fact]
    public async Task Pruning_removes_only_old_delivered_messages()
    {
        await _outbox.EnqueueAsync(Message("old"));
        await _outbox.EnqueueAsync(Message("pending"));
        await _outbox.MarkDeliveredAsync("old", 201);
        await _database.ExecuteAsync("UPDATE outbox SET delivered_at = now() - interval '3 days' WHERE message_id = 'old'");

        Assert.Equal(1, await _outbox.PruneDeliveredAsync(DateTimeOffset.UtcNow.AddDays(-2)));
        Assert.Null(await _outbox.GetStatusAsync("old"));
        Assert.NotNull(await _outbox.GetStatusAsync("pending"));
    }
}
