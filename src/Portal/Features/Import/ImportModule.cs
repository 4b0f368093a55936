using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Ops.Import;
using Portal.Platform.Web;

namespace Portal.Features.Import;

/// <summary>The admin wizard /admin/importacao (operations.md §9.1, permission system.import): pages, progress and
/// report download. The import engine itself is Platform/Ops/Import.</summary>
public static class ImportModule
{
    public static void AddImportWizard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ImportWizard>();
        builder.Services.AddMenuItem(new MenuItem("Administração", "Importação do portal original", "bi-box-arrow-in-down", "/admin/importacao",
            Permissions.SystemImport, 975) { IsStartPage = false });
    }

    public static void MapImportWizard(this WebApplication app)
    {
        app.MapGet("/admin/importacao/progresso", (ImportProgress progress) => TypedResults.Json(new
        {
            running = progress.Running,
            entity = progress.Entity,
            done = progress.Done,
            total = progress.Total,
        })).RequirePermission(Permissions.SystemImport);

        app.MapGet("/admin/importacao/relatorio/{id:long}", async (long id, string? formato, PortalDb db, CancellationToken ct) =>
        {
            var run = await db.LegacyImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
            if (run is null) return Results.NotFound();
            if (formato == "json")
                return Results.File(Encoding.UTF8.GetBytes(run.ReportJson), "application/json", $"importacao-{id}.json");
            var report = System.Text.Json.JsonSerializer.Deserialize<ImportReport>(run.ReportJson) ?? new ImportReport();
            return Results.File(Encoding.UTF8.GetBytes(report.ToText()), "text/plain; charset=utf-8", $"importacao-{id}.txt");
        }).RequirePermission(Permissions.SystemImport);
    }
}
