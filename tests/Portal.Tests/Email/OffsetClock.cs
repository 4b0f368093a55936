namespace Portal.Tests.Email;

/// <summary>The real clock plus an offset the test moves forward (sessions, tokens and the outbox all see it).</summary>
public sealed class OffsetClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
