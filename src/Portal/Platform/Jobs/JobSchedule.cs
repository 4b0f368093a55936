using Portal.Platform.Time;
using Quartz;

namespace Portal.Platform.Jobs;

/// <summary>When a job fires: a fixed interval, or a cron expression read in São Paulo time (operations.md §10).</summary>
public sealed record JobSchedule
{
    private JobSchedule(TimeSpan? interval, string? cron, string? text = null)
    {
        Interval = interval;
        Cron = cron;
        _text = text;
    }

    private readonly string? _text;

    public TimeSpan? Interval { get; }
    public string? Cron { get; }

    public static JobSchedule Every(TimeSpan interval) =>
        interval >= TimeSpan.FromSeconds(1) ? new(interval, null) : throw new ArgumentOutOfRangeException(nameof(interval));

    /// <summary>Quartz cron (seconds first), e.g. "0 30 3 * * ?" = every day at 03:30 São Paulo.</summary>
    public static JobSchedule CronExpression(string expression, string? label = null)
    {
        if (!Quartz.CronExpression.TryParse(expression, out _)) throw new ArgumentException($"Cron inválido: {expression}", nameof(expression));
        return new(null, expression, label);
    }

    public static JobSchedule DailyAt(int hour, int minute)
    {
        CronExpression($"0 {minute} {hour} * * ?"); // validates
        return new(null, $"0 {minute} {hour} * * ?", $"diariamente às {hour:00}:{minute:00}");
    }

    /// <summary>pt-BR text for the administration page.</summary>
    public string Label => _text ?? (Interval is { } i
        ? i.TotalMinutes >= 1 && i.Seconds == 0 ? $"a cada {i.TotalMinutes:0} min" : $"a cada {i.TotalSeconds:0} s"
        : $"cron {Cron}");

    internal IScheduleBuilder Build() => Interval is { } interval
        // A missed interval fire is simply skipped: the next one comes soon and does the same work.
        ? SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)
        // Daily/weekly jobs that were missed while the portal was down run once at start-up (operations.md §10).
        : CronScheduleBuilder.Create(Cron!).InTimeZone(SaoPaulo.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);
}
