using System.Threading.RateLimiting;

namespace Portal.Platform.Files;

/// <summary>
/// platform.md §5.2: at most 60 uploaded files per minute per user (429 beyond). Every upload endpoint or page handler
/// calls <see cref="TryAcquire"/> once per file before validating it, so refused files count too. The window is kept in
/// memory per instance, like the API's per-user limit.
/// </summary>
public sealed class UploadRateLimiter : IDisposable
{
    public const int PerMinute = 60;
    public const string Message = "Muitos arquivos enviados. Tente novamente em {0} segundos.";

    private readonly PartitionedRateLimiter<long> _limiter = PartitionedRateLimiter.Create<long, long>(userId =>
        RateLimitPartition.GetFixedWindowLimiter(userId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Counts one file for the user; false (with the wait) when the minute's allowance is used up.</summary>
    public bool TryAcquire(long userId, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    public static string RetryMessage(TimeSpan retryAfter) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, RetrySeconds(retryAfter));

    public static int RetrySeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public void Dispose() => _limiter.Dispose();
}
