using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Data;

namespace Portal.Features.Clients.Pages;

/// <summary>/clientes/codigo/{code}: the record of the client with that code, else the list filtered by the text (clients.md §8).</summary>
[RequirePermission(ClientPermissions.View)]
public sealed class CodeJumpModel(PortalDb db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code)
    {
        var id = await FindAsync(db, code);
        return Redirect(id is long found ? $"/clientes/{found}" : "/clientes?tipo=todos&q=" + Uri.EscapeDataString(code ?? ""));
    }

    /// <summary>The first candidate with exactly one match: "123-4" → "1234", else "123" (clients.md §2).</summary>
    public static async Task<long?> FindAsync(PortalDb db, string? code)
    {
        foreach (var candidate in ClientSearch.CodeCandidates(code))
        {
            var id = await db.Clients().AsNoTracking().Where(c => c.CodeNormalized == candidate).Select(c => (long?)c.Id).FirstOrDefaultAsync();
            if (id is not null) return id;
        }
        return null;
    }
}
