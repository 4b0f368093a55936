using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Clients.Lookup;
using Portal.Features.Clients.Pages;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Security;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

/// <summary>Non-page endpoints of the client screens: reveal (JSON), document lookup (JSON) and the top-bar quick search.</summary>
public static class ClientsWeb
{
    public const int QuickSearchMax = 10;

    public static void MapClientsWeb(this WebApplication app)
    {
        app.MapPost("/clientes/{id:long}/acessos/{credId:long}/revelar", RevealAsync).RequirePermission(ClientPermissions.CredentialsReveal);
        app.MapGet("/clientes/consulta-documento/{doc}", LookupAsync);
        app.MapGet("/clientes/busca", QuickSearchAsync).RequirePermission(ClientPermissions.View);
    }

    /// <summary>POST (antiforgery) → {password}, no-store; audited and limited (clients.md §7).</summary>
    private static async Task<IResult> RevealAsync(long id, long credId, HttpContext http, IAntiforgery antiforgery, CredentialVault vault, CurrentUser currentUser)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.Json(new { message = "CSRF token inválido. Recarregue a página e tente novamente." }, statusCode: 403);
        var result = await vault.RevealAsync(id, credId, currentUser.Id, http.RequestAborted);
        return result.Outcome switch
        {
            VaultOutcome.NotFound => Results.Json(new { message = "Acesso não encontrado." }, statusCode: 404),
            VaultOutcome.RateLimited => TooMany(http, result.RetryAfter),
            _ => Results.Json(new { password = result.Password }),
        };
    }

    /// <summary>GET, read-only so no antiforgery (clients.md §4); clients.create or clients.edit.</summary>
    private static async Task<IResult> LookupAsync(string doc, HttpContext http, CurrentUser currentUser, DocumentLookupGate gate)
    {
        var outcome = await gate.RunAsync(doc, http.RequestAborted);
        return outcome.Kind switch
        {
            GateKind.Forbidden => Results.Json(new { message = "Você não tem permissão para consultar documentos." }, statusCode: 403),
            GateKind.RateLimited => TooMany(http, outcome.RetryAfter),
            GateKind.Invalid => Results.Json(new { message = outcome.Message }, statusCode: 400),
            GateKind.NotFound => Results.Json(new { message = CompanyLookupResult.NotFoundMessage }, statusCode: 404),
            GateKind.Unavailable => Results.Json(new { message = CompanyLookupResult.UnavailableMessage }, statusCode: 503),
            _ => Results.Json(outcome.Prefill),
        };
    }

    /// <summary>
    /// Top-bar quick search (platform.md §9): htmx asks for up to 10 matches; a plain submit (Enter) opens the client
    /// whose code is exactly the text, else the list filtered by it.
    /// </summary>
    private static async Task<IResult> QuickSearchAsync(string? q, HttpContext http, PortalDb db)
    {
        var term = q?.Trim() ?? "";
        if (!http.Request.Headers.ContainsKey("HX-Request"))
        {
            var id = term.Length == 0 ? null : await CodeJumpModel.FindAsync(db, term);
            return Results.Redirect(id is long found ? $"/clientes/{found}" : "/clientes?tipo=todos&q=" + Uri.EscapeDataString(term));
        }
        if (term.Length == 0) return Results.Content("", "text/html; charset=utf-8");
        var rows = await db.Clients().AsNoTracking().Where(c => c.IsActive).WhereText(term).OrderBy(ClientSort.Name).Take(QuickSearchMax).ToRows().ToListAsync();
        var html = new StringBuilder();
        var e = HtmlEncoder.Default;
        if (rows.Count == 0) html.Append("<div class=\"list-group-item small text-body-secondary\">Nenhum cliente encontrado.</div>");
        foreach (var r in rows)
            html.Append("<a class=\"list-group-item list-group-item-action\" href=\"/clientes/").Append(r.Id).Append("\"><span class=\"fw-semibold\">")
                .Append(e.Encode(r.Code)).Append("</span> – ").Append(e.Encode(r.Name))
                .Append("<div class=\"small text-body-secondary font-monospace\">").Append(e.Encode(Documents.Format(r.Document))).Append("</div></a>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static IResult TooMany(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { message = $"Muitas tentativas. Tente novamente em {seconds} segundos." }, statusCode: 429);
    }
}

public enum GateKind { Found, Forbidden, RateLimited, Invalid, NotFound, Unavailable }

public sealed record GateOutcome(GateKind Kind, CompanyPrefill? Prefill = null, string? Message = null, TimeSpan RetryAfter = default);

/// <summary>The checks shared by the web and API lookup endpoints: permission, 10/min per user, document validity.</summary>
public sealed class DocumentLookupGate(ICompanyLookup lookup, CurrentUser currentUser, AttemptLimiter limiter, Microsoft.Extensions.Options.IOptionsMonitor<CompanyLookupOptions> options)
{
    public async Task<GateOutcome> RunAsync(string doc, CancellationToken ct)
    {
        if (!await currentUser.HasAsync(ClientPermissions.Create) && !await currentUser.HasAsync(ClientPermissions.Edit))
            return new GateOutcome(GateKind.Forbidden);
        var limit = await limiter.HitAsync($"document-lookup:u:{currentUser.Id}", Math.Max(1, options.CurrentValue.PerUserPerMinute), TimeSpan.FromMinutes(1), ct);
        if (!limit.Allowed) return new GateOutcome(GateKind.RateLimited, RetryAfter: limit.RetryAfter);
        // A formatted CNPJ in a URL arrives with its "/" still escaped (%2F).
        var clean = Documents.Clean(Uri.UnescapeDataString(doc));
        var result = await lookup.LookupAsync(clean, ct);
        return result.Status switch
        {
            LookupStatus.Invalid => new GateOutcome(GateKind.Invalid, Message: clean.Length == 11 ? Documents.InvalidCpf : Documents.InvalidCnpj),
            LookupStatus.NotFound => new GateOutcome(GateKind.NotFound),
            LookupStatus.Unavailable => new GateOutcome(GateKind.Unavailable),
            _ => new GateOutcome(GateKind.Found, result.Prefill),
        };
    }
}
