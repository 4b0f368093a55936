using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Email;
using Portal.Platform.Settings;
using Portal.Platform.Web;

namespace Portal.Features.Admin.Pages;

/// <summary>Projection without the body: the outbox page never shows message contents (notifications.md §8).</summary>
public sealed record OutboxRow(long Id, string To, string Subject, string Kind, OutboxStatus Status, int Attempts,
    DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? SentAt, string? LastError);

/// <summary>"E-mails" outbox (notifications.md §8): recipients, subject, status, attempts, last error; "Reenviar".</summary>
[RequirePermission(Permissions.SystemHealth)]
public sealed class OutboxEmailsModel(PortalDb db, SettingsService settings, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;
    public const string NotConfigured = "Envio de e-mail não configurado.";

    public IReadOnlyList<OutboxRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public bool SmtpConfigured { get; private set; }
    [BindProperty(SupportsGet = true, Name = "situacao")] public string? Status { get; set; }

    public static readonly IReadOnlyList<(string Value, string Label)> StatusOptions =
        [("", "Todas"), ("pendente", "Pendentes"), ("enviado", "Enviados"), ("falha", "Com falha")];

    public static string Label(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "Pendente",
        OutboxStatus.Sent => "Enviado",
        _ => "Falha",
    };

    public async Task OnGetAsync()
    {
        SmtpConfigured = (await settings.GetAsync()).SmtpConfigured;
        // "page" is also a Razor Pages route value, so it is read from the query string itself.
        PageNumber = PageInfo.Clamp(int.TryParse(Request.Query["page"], out var p) ? p : null);
        var query = db.OutboxEmails.AsNoTracking();
        query = Status switch
        {
            "pendente" => query.Where(m => m.Status == OutboxStatus.Pending),
            "enviado" => query.Where(m => m.Status == OutboxStatus.Sent),
            "falha" => query.Where(m => m.Status == OutboxStatus.Failed),
            _ => query,
        };
        Total = await query.CountAsync();
        PageNumber = Math.Min(PageNumber, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(m => new OutboxRow(m.Id, m.ToAddress, m.Subject, m.Kind, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError))
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostResendAsync(long id)
    {
        var message = await db.OutboxEmails.FirstOrDefaultAsync(m => m.Id == id);
        if (message is null) return NotFound();
        if (message.Status != OutboxStatus.Failed)
        {
            TempData.Toast("Somente e-mails com falha podem ser reenviados.", "danger");
            return RedirectToPage();
        }
        OutboxSender.Resend(message, clock.GetUtcNow().UtcDateTime);
        audit.Record("update", "EmailMessage", message.Id, message.Subject, $"E-mail reenviado: {message.Subject}",
            [new AuditChange("Situação", "Falha", "Pendente")]);
        await db.SaveChangesAsync();
        TempData.Toast("E-mail colocado novamente na fila.");
        return RedirectToPage(new { situacao = Status });
    }
}
