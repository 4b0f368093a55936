namespace Portal.Platform.Jobs;

/// <summary>A scheduled job of the portal. Runs in its own DI scope; never as a side effect of a page view.</summary>
public interface IPortalJob
{
    Task RunAsync(JobContext context);
}

/// <summary>What a job run gets: a scope's services, the current UTC time and a way to report what it did.</summary>
public sealed class JobContext(IServiceProvider services, DateTime now, bool manual, DateTime? scheduledAt, CancellationToken cancellationToken)
{
    public IServiceProvider Services { get; } = services;
    /// <summary>UTC "now" from the portal's TimeProvider (tests move it).</summary>
    public DateTime Now { get; } = now;
    public bool Manual { get; } = manual;
    /// <summary>The fire time this run belongs to (UTC); null for runs outside the scheduler.</summary>
    public DateTime? ScheduledAt { get; } = scheduledAt;
    public CancellationToken CancellationToken { get; } = cancellationToken;
    /// <summary>Shown as "itens" on the health page.</summary>
    public int ItemsProcessed { get; set; }
    /// <summary>Optional pt-BR summary kept with the run.</summary>
    public string? Message { get; set; }
}

/// <summary>One registered job: its stable key (Quartz job name), schedule, pt-BR description and body.</summary>
public sealed record JobRegistration(string Key, JobSchedule Schedule, string Description, Func<JobContext, Task> Run);

/// <summary>Every job registered by the modules, in registration order.</summary>
public sealed class JobCatalog(IEnumerable<JobRegistration> registrations)
{
    public IReadOnlyList<JobRegistration> All { get; } = registrations.ToList();

    public JobRegistration? Find(string key) => All.FirstOrDefault(r => r.Key == key);
}
