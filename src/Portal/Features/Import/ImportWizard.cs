using System.Collections.Concurrent;
using Portal.Platform.Audit;
using Portal.Platform.Ops.Import;

namespace Portal.Features.Import;

/// <summary>What the administrator entered in the wizard's first step, kept on the server (the legacy key never goes
/// back to the browser) until the run.</summary>
public sealed record WizardInput(string Source, string? Uploads, string? LegacyKey, Dictionary<string, TagTarget> Tags)
{
    public Dictionary<string, IReadOnlyList<string>> People { get; } = [];

    /// <summary>Permission-group tags whose proposed grants the administrator unticked.</summary>
    public HashSet<string> DeclinedGrantTags { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Wizard state per administrator and the background run (operations.md §9.1): the import takes minutes on a large
/// source, so the page starts it in its own scope and polls the shared <see cref="ImportProgress"/>.
/// </summary>
public sealed class ImportWizard(IServiceScopeFactory scopes, ImportProgress progress, ILogger<ImportWizard> logger)
{
    private readonly ConcurrentDictionary<long, WizardInput> _inputs = new();

    public WizardInput? Input(long userId) => _inputs.GetValueOrDefault(userId);

    public void Save(long userId, WizardInput input) => _inputs[userId] = input;

    public void Forget(long userId) => _inputs.TryRemove(userId, out _);

    public bool Start(long userId, string userName, bool dryRun)
    {
        if (Input(userId) is not { } input || !progress.TryStart()) return false;
        var options = new LegacyImportOptions(input.Source, input.Uploads, input.LegacyKey, dryRun, TagMappings: input.Tags, PersonRules: input.People,
            DeclinedGrantTags: input.DeclinedGrantTags);
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AuditActor>().Use(userId, userName, AuditChannels.Import);
                await scope.ServiceProvider.GetRequiredService<LegacyImporter>().RunAsync(options, userId, started: true);
            }
            catch (Exception ex)
            {
                // RunAsync reports its own failures; this only catches what escaped it so the wizard never stays "running".
                logger.LogError(ex, "Importação do portal original interrompida");
                progress.Finish(new ImportReport { DryRun = dryRun, Error = "Falha inesperada; nada foi gravado. Detalhes no log de erros." }, null);
            }
        });
        return true;
    }
}
