using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Ops.Import;
using Portal.Platform.Web;

namespace Portal.Features.Import.Pages;

/// <summary>
/// Steps 1, 2 and 4/5 of the import wizard (operations.md §9.1): origin → analysis with the tag mapping → dry run or run.
/// The connection string and legacy key stay on the server (<see cref="ImportWizard"/>).
/// </summary>
[RequirePermission(Permissions.SystemImport)]
public sealed class IndexModel(ImportWizard wizard, ImportProgress progress, CurrentUser me, PortalDb db) : PageModel
{
    public const string ConfirmRequired = "Confirme que fez o backup do portal original e revisou a simulação.";

    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? Uploads { get; set; }
    [BindProperty] public string? LegacyKey { get; set; }
    [BindProperty] public Dictionary<string, TagTarget> Tags { get; set; } = [];
    [BindProperty] public bool Confirmed { get; set; }
    [BindProperty] public Dictionary<string, List<string>> People { get; set; } = [];
    [BindProperty] public List<string> GrantTags { get; set; } = [];

    public LegacyAnalysis? Analysis { get; private set; }
    public string? Error { get; private set; }
    public WizardInput? Input { get; private set; }
    public bool Running => progress.Running;
    public IReadOnlyList<LegacyImportRun> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = wizard.Input(me.Id);
        if (Input is not null) await AnalyseAsync(Input.Source, ct);
        await LoadRunsAsync(ct);
    }

    public async Task<IActionResult> OnPostAnalyseAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Source)) Error = "Informe a conexão com o banco do portal original.";
        else if (!string.IsNullOrWhiteSpace(LegacyKey) && !Fernet.TryCreate(LegacyKey, out _)) Error = "Chave do portal original inválida: esperados 32 bytes em base64 (formato Fernet).";
        else if (!string.IsNullOrWhiteSpace(Uploads) && !Directory.Exists(Uploads)) Error = $"Pasta de uploads não encontrada: {Uploads}";
        if (Error is null && await AnalyseAsync(Source!, ct))
        {
            Input = new WizardInput(Source!.Trim(), Uploads?.Trim(), LegacyKey?.Trim(), Analysis!.Tags.ToDictionary(t => t.Name, t => t.Suggestion));
            wizard.Save(me.Id, Input);
        }
        await LoadRunsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSimulateAsync(CancellationToken ct) => await StartAsync(dryRun: true, ct);

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct) => await StartAsync(dryRun: false, ct);

    public IActionResult OnPostReset()
    {
        wizard.Forget(me.Id);
        return RedirectToPage();
    }

    private async Task<IActionResult> StartAsync(bool dryRun, CancellationToken ct)
    {
        Input = wizard.Input(me.Id);
        if (Input is null) return RedirectToPage();
        foreach (var (tag, target) in Tags.Where(t => Input.Tags.ContainsKey(t.Key))) Input.Tags[tag] = target;
        Input.DeclinedGrantTags.Clear();
        Input.DeclinedGrantTags.UnionWith(Input.Tags.Keys.Where(t => LegacyAnalysis.ProposedGrants(t).Count > 0 && !GrantTags.Contains(t)));
        Input.People.Clear();
        foreach (var (permission, _, _) in PersonBoundRules.All)
            if (People.TryGetValue(permission, out var chosen)) Input.People[permission] = chosen.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
        if (!dryRun && !Confirmed)
        {
            Error = ConfirmRequired;
            await AnalyseAsync(Input.Source, ct);
            await LoadRunsAsync(ct);
            return Page();
        }
        if (!wizard.Start(me.Id, me.Name, dryRun))
        {
            TempData.Toast(LegacyImporter.Busy, "warning");
            return RedirectToPage();
        }
        return RedirectToPage("Progress");
    }

    private async Task<bool> AnalyseAsync(string source, CancellationToken ct)
    {
        try
        {
            await using var legacy = await LegacySource.OpenAsync(source, ct);
            Analysis = await LegacyAnalysis.ReadAsync(legacy, ct);
            return true;
        }
        catch (LegacyImportException ex)
        {
            Error = ex.Message;
            return false;
        }
    }

    private async Task LoadRunsAsync(CancellationToken ct) =>
        Runs = await db.LegacyImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(20).ToListAsync(ct);

    public static string Label(TagTarget target) => target switch
    {
        TagTarget.Sector => "Setor",
        TagTarget.Role => "Papel",
        TagTarget.SectorAndRole => "Setor e papel",
        _ => "Ignorar",
    };
}
