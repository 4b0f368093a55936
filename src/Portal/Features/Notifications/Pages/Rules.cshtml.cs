using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Web;

namespace Portal.Features.Notifications.Pages;

public sealed record RuleRow(long Id, string Name, string Module, string Trigger, bool Digest, string Recipients,
    NotificationChannels Channels, bool IsActive, bool IsSystem);

/// <summary>
/// Notification rules (notifications.md §8 <c>/admin/notificacoes/regras</c>): list with module, trigger, recipients,
/// channels and state; activate/deactivate and switch the E-mail channel, audited. System rules can be deactivated,
/// never deleted. Create/edit, preview and "Enviar teste para mim" are on <see cref="RuleEditModel"/>. Each person sees
/// the rules of the modules they may configure (settings.manage: all).
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = NotificationCatalog.Policy)]
public sealed class RulesModel(PortalDb db, AuditLog audit, CurrentUser me) : PageModel
{
    public IReadOnlyList<RuleRow> Rows { get; private set; } = [];

    public static string Dynamic(string name) => NotificationCatalog.Dynamic(name);

    public static string Channels(NotificationChannels c) =>
        string.Join(" + ", new[] { "No portal", c.HasFlag(NotificationChannels.Email) ? "E-mail" : null, c.HasFlag(NotificationChannels.Push) ? "Push" : null }
            .OfType<string>());

    public async Task OnGetAsync()
    {
        var permissions = await me.GetPermissionsAsync();
        var rules = (await db.NotificationRules.AsNoTracking().Include(r => r.Recipients).AsSplitQuery()
            .OrderBy(r => r.Module).ThenBy(r => r.Trigger).ThenBy(r => r.Id).ToListAsync())
            .Where(r => NotificationCatalog.CanEdit(permissions, r.Module)).ToList();
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name);
        var sectors = await db.Sectors.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var userIds = rules.SelectMany(r => r.Recipients).Where(x => x.Kind == RuleRecipientKind.User && x.TargetId != null).Select(x => x.TargetId!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        string Name(NotificationRuleRecipient x) => x.Kind switch
        {
            RuleRecipientKind.Role => "papel " + roles.GetValueOrDefault(x.TargetId ?? 0, "?"),
            RuleRecipientKind.Sector => "setor " + sectors.GetValueOrDefault(x.TargetId ?? 0, "?"),
            RuleRecipientKind.User => users.GetValueOrDefault(x.TargetId ?? 0, "?"),
            _ => Dynamic(x.Dynamic ?? ""),
        };
        Rows = rules.Select(r => new RuleRow(r.Id, r.Name, r.Module, r.Trigger, r.TriggerKind == NotificationTriggerKind.Digest,
            string.Join(", ", r.Recipients.Select(Name)), r.Channels, r.IsActive, r.IsSystem)).ToList();
    }

    public async Task<IActionResult> OnPostActiveAsync(long id, bool active)
    {
        var rule = await db.NotificationRules.FirstOrDefaultAsync(r => r.Id == id);
        if (rule is null) return NotFound();
        if (!NotificationCatalog.CanEdit(await me.GetPermissionsAsync(), rule.Module)) return Forbid();
        if (rule.IsActive != active)
        {
            audit.Record("update", "NotificationRule", rule.Id, rule.Name, $"Regra de notificação {(active ? "ativada" : "desativada")}: {rule.Name}",
                [new AuditChange("Ativa", rule.IsActive ? "Sim" : "Não", active ? "Sim" : "Não")]);
            rule.IsActive = active;
            await db.SaveChangesAsync();
        }
        TempData.Toast(active ? $"Regra “{rule.Name}” ativada." : $"Regra “{rule.Name}” desativada.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEmailAsync(long id, bool email)
    {
        var rule = await db.NotificationRules.FirstOrDefaultAsync(r => r.Id == id);
        if (rule is null) return NotFound();
        if (!NotificationCatalog.CanEdit(await me.GetPermissionsAsync(), rule.Module)) return Forbid();
        var channels = email ? rule.Channels | NotificationChannels.Email : rule.Channels & ~NotificationChannels.Email;
        if (channels != rule.Channels)
        {
            audit.Record("update", "NotificationRule", rule.Id, rule.Name, $"Canais da regra de notificação alterados: {rule.Name}",
                [new AuditChange("Canais", Channels(rule.Channels), Channels(channels))]);
            rule.Channels = channels | NotificationChannels.InApp;
            await db.SaveChangesAsync();
        }
        TempData.Toast(email ? $"A regra “{rule.Name}” também enviará e-mail." : $"A regra “{rule.Name}” não enviará mais e-mail.");
        return RedirectToPage();
    }
}
