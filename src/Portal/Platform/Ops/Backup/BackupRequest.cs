namespace Portal.Platform.Ops.Backup;

/// <summary>
/// Who asked for a run: "manual" (admin page), "agendado" (job), "cli" or "pré-migração" (start-up). A pre-migration
/// run touches the database only to read it: its tables may still lack the run history, the audit log or the
/// notification tables of the current code, so the caller records it with <see cref="BackupService.RecordAsync"/>
/// once the migrations are applied.
/// </summary>
public sealed record BackupRequest(string Trigger, long? UserId, string? UserName, string Channel, bool PreMigration = false)
{
    public const string PreMigrationTrigger = "pré-migração";
}

/// <summary>Live state of the run in progress, read by the "Fazer backup agora" progress bar.</summary>
public sealed class BackupProgress
{
    private readonly Lock _gate = new();
    private (bool Running, long? RunId, string Step, int Percent, string? Outcome) _state = (false, null, "", 0, null);

    public void Start(long? runId) { lock (_gate) _state = (true, runId, "Iniciando", 0, null); }

    public void Report(string step, int percent) { lock (_gate) _state = _state with { Step = step, Percent = percent }; }

    public void Finish(string outcome) { lock (_gate) _state = _state with { Running = false, Step = outcome, Percent = 100, Outcome = outcome }; }

    public (bool Running, long? RunId, string Step, int Percent, string? Outcome) Snapshot()
    {
        lock (_gate) return _state;
    }
}
