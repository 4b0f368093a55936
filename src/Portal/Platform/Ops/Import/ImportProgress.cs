namespace Portal.Platform.Ops.Import;

/// <summary>The running import's position (entity, rows done/total), shown by the wizard and the console. One import
/// at a time per instance; the last finished report stays here so the wizard can show a dry run that wrote nothing.</summary>
public sealed class ImportProgress
{
    private readonly Lock _gate = new();

    public bool Running { get; private set; }
    public string Entity { get; private set; } = "";
    public int Done { get; private set; }
    public int Total { get; private set; }
    public ImportReport? LastReport { get; private set; }
    public long? LastRunId { get; private set; }
    public event Action<string, int, int>? Changed;

    public bool TryStart()
    {
        lock (_gate)
        {
            if (Running) return false;
            Running = true;
            Entity = "";
            Done = Total = 0;
            return true;
        }
    }

    public void Report(string entity, int done, int total)
    {
        lock (_gate)
        {
            Entity = entity;
            Done = done;
            Total = total;
        }
        Changed?.Invoke(entity, done, total);
    }

    public void Finish(ImportReport report, long? runId)
    {
        lock (_gate)
        {
            LastReport = report;
            LastRunId = runId;
            Running = false;
        }
    }
}
