using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Time;
using Portal.Platform.Web;

namespace Portal.Features.Notifications.Pages;

public sealed class RuleConditionInput
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
}

public sealed class RuleInput
{
    public string? Name { get; set; }
    public string? Module { get; set; }
    public NotificationTriggerKind TriggerKind { get; set; }
    public string? Trigger { get; set; }
    public List<RuleConditionInput> Conditions { get; set; } = [];
    public List<long> RoleIds { get; set; } = [];
    public List<long> SectorIds { get; set; } = [];
    public List<long> UserIds { get; set; } = [];
    public List<string> Dynamic { get; set; } = [];
    public string? Permission { get; set; }
    public bool Email { get; set; }
    public bool Push { get; set; }
    public bool IncludeActor { get; set; }
    public string? DigestTime { get; set; }
    public bool BusinessDaysOnly { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

public sealed record Choice(long Id, string Name);

/// <summary>
/// Create/edit form of a notification rule (notifications.md §8): trigger (catalog event or digest source), conditions,
/// recipients, channels, digest schedule; "Pré-visualizar destinatários" (who would receive it now, nothing saved),
/// "Enviar teste para mim" (only to the current user, audited) and delete (never for system rules). Each module's rules
/// are edited by holders of that module's configure permission or of settings.manage.
/// </summary>
[Authorize(Policy = NotificationCatalog.Policy)]
public sealed class RuleEditModel(PortalDb db, AuditLog audit, CurrentUser me, NotificationRecipients recipients,
    NotificationDigests digests, NotificationEngine engine, TimeProvider clock) : PageModel
{
    public const int ConditionRows = 5;
    public const string Route = "/admin/notificacoes/regras/editar";

    [BindProperty] public RuleInput Input { get; set; } = new();
    public long? RuleId { get; private set; }
    public bool IsSystem { get; private set; }
    public IReadOnlyList<Choice> Roles { get; private set; } = [];
    public IReadOnlyList<Choice> Sectors { get; private set; } = [];
    public IReadOnlyList<Choice> Users { get; private set; } = [];
    public IReadOnlyList<string> EditableModules { get; private set; } = [];
    public IReadOnlyList<IDigestSource> Sources => digests.Sources;
    public IReadOnlyList<string>? Preview { get; private set; }
    public string? PreviewNote { get; private set; }

    public static readonly string[] AllDynamic =
        ["creator", "assignee", "previous_assignee", "followers", "participants", "sector_members", "state_responsible", "item_responsible"];

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        if (id is { } ruleId)
        {
            var rule = await LoadAsync(ruleId);
            if (rule is null) return NotFound();
            if (!await CanEditAsync(rule.Module)) return Forbid();
            Input = FromRule(rule);
            RuleId = rule.Id;
            IsSystem = rule.IsSystem;
        }
        else
        {
            var editable = await EditableAsync();
            Input.Module = editable.Count > 0 ? editable[0] : null;
        }
        await ChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id)
    {
        NotificationRule? rule = null;
        if (id is { } ruleId)
        {
            rule = await db.NotificationRules.Include(r => r.Recipients).Include(r => r.Conditions).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == ruleId);
            if (rule is null) return NotFound();
            if (!await CanEditAsync(rule.Module)) return Forbid();
            RuleId = rule.Id;
            IsSystem = rule.IsSystem;
            if (rule.IsSystem) { Input.Module = rule.Module; Input.Trigger = rule.Trigger; Input.TriggerKind = rule.TriggerKind; }
        }
        var parsed = await ValidateAsync(rule);
        if (parsed is null)
        {
            await ChoicesAsync();
            return Page();
        }
        if (rule is not null && rule.Version != Input.Version)
        {
            ModelState.AddModelError("", "Esta regra foi alterada por outra pessoa enquanto você editava. Recarregue a página e refaça as alterações.");
            await ChoicesAsync();
            return Page();
        }
        var creating = rule is null;
        rule ??= new NotificationRule();
        var before = creating ? null : Summary(rule);
        Apply(parsed, rule);
        if (creating) db.NotificationRules.Add(rule);
        await db.SaveChangesAsync();
        audit.Record(creating ? "create" : "update", "NotificationRule", rule.Id, rule.Name,
            creating ? $"Regra de notificação criada: {rule.Name}" : $"Regra de notificação alterada: {rule.Name}",
            before is null ? null : [new AuditChange("Regra", before, Summary(rule))]);
        await db.SaveChangesAsync();
        TempData.Toast(creating ? $"Regra “{rule.Name}” criada." : $"Regra “{rule.Name}” salva.");
        return Redirect("/admin/notificacoes/regras");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        var rule = await db.NotificationRules.FirstOrDefaultAsync(r => r.Id == id);
        if (rule is null) return NotFound();
        if (!await CanEditAsync(rule.Module)) return Forbid();
        if (rule.IsSystem)
        {
            TempData.Toast("Regras de sistema não podem ser excluídas; desative-a se não quiser mais esses avisos.", "danger");
            return Redirect($"{Route}/{id}");
        }
        db.NotificationRules.Remove(rule);
        audit.Record("delete", "NotificationRule", rule.Id, rule.Name, $"Regra de notificação excluída: {rule.Name}");
        await db.SaveChangesAsync();
        TempData.Toast($"Regra “{rule.Name}” excluída.");
        return Redirect("/admin/notificacoes/regras");
    }

    /// <summary>Who would receive it now, from the form as it stands (nothing is saved).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long? id)
    {
        if (id is { } ruleId)
        {
            var existing = await db.NotificationRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == ruleId);
            if (existing is null) return NotFound();
            if (!await CanEditAsync(existing.Module)) return Forbid();
            RuleId = existing.Id;
            IsSystem = existing.IsSystem;
            if (existing.IsSystem) { Input.Module = existing.Module; Input.Trigger = existing.Trigger; Input.TriggerKind = existing.TriggerKind; }
        }
        var parsed = await ValidateAsync(null);
        if (parsed is not null)
        {
            var rule = new NotificationRule();
            Apply(parsed, rule);
            var names = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName);
            if (rule.TriggerKind == NotificationTriggerKind.Digest && digests.Source(rule.Trigger) is { } source)
            {
                var today = SaoPaulo.Today(clock);
                var plan = await digests.PlanAsync(rule, await digests.ItemsAsync(rule, source, today, HttpContext.RequestAborted), HttpContext.RequestAborted);
                Preview = [.. plan.Select(p => $"{names.GetValueOrDefault(p.Key, "?")} — {p.Value.Count} {(p.Value.Count == 1 ? "item" : "itens")} hoje")
                    .Order(StringComparer.Create(Culture.PtBr, true))];
            }
            else
            {
                var people = await recipients.ActiveAsync(await recipients.StaticPeopleAsync(rule, HttpContext.RequestAborted), HttpContext.RequestAborted);
                Preview = [.. people.Select(p => names.GetValueOrDefault(p, "?")).Order(StringComparer.Create(Culture.PtBr, true))];
                var dynamic = rule.Recipients.Where(r => r.Kind == RuleRecipientKind.Dynamic && r.Dynamic is { } d
                    && !d.StartsWith(NotificationRuleRecipient.PermissionHolders, StringComparison.Ordinal)).Select(r => NotificationCatalog.Dynamic(r.Dynamic!)).ToList();
                if (dynamic.Count > 0) PreviewNote = "Além destes, a cada evento: " + string.Join(", ", dynamic) + ".";
            }
        }
        await ChoicesAsync();
        return Page();
    }

    /// <summary>"Enviar teste para mim": the saved rule's message, only to the current user; for digests today's content.</summary>
    public async Task<IActionResult> OnPostTestAsync(long id)
    {
        var rule = await LoadAsync(id);
        if (rule is null) return NotFound();
        if (!await CanEditAsync(rule.Module)) return Forbid();
        var ct = HttpContext.RequestAborted;
        var byEmail = rule.Channels.HasFlag(NotificationChannels.Email) ? new HashSet<long> { me.Id } : [];
        var suffix = ":teste:" + Guid.NewGuid().ToString("N");
        int created;
        if (rule.TriggerKind == NotificationTriggerKind.Digest && digests.Source(rule.Trigger) is { } source)
        {
            var today = SaoPaulo.Today(clock);
            var mine = (await digests.ItemsAsync(rule, source, today, ct)).Where(i => i.Audience is null || i.Audience.Contains(me.Id)).ToList();
            created = mine.Count == 0 ? 0 : await digests.SendAsync(rule, source, today, new Dictionary<long, List<DigestItem>> { [me.Id] = mine }, ct, suffix);
            if (mine.Count == 0)
            {
                TempData.Toast("Nenhum item para você hoje neste resumo; nada foi enviado.", "warning");
                return Redirect($"{Route}/{id}");
            }
        }
        else
        {
            var message = new NotificationMessage($"[Teste] {rule.Name}",
                $"Notificação de teste da regra “{rule.Name}” (evento {rule.Trigger}). Os destinatários reais recebem a mensagem do próprio evento.",
                $"{Route}/{rule.Id}");
            var e = new NotificationEvent("test.rule", rule.Id + suffix, NotificationCategory.Sistema, me.Id, "NotificationRule", rule.Id,
                new Dictionary<string, NotificationMessage> { [NotificationEvent.DefaultMessage] = message },
                new Dictionary<string, IReadOnlyCollection<long>>(), new Dictionary<string, string>(), [me.Id]);
            created = await engine.DeliverAsync(e, new Dictionary<long, NotificationMessage> { [me.Id] = message }, byEmail, null, ct);
        }
        audit.Record("test", "NotificationRule", rule.Id, rule.Name, $"Teste da regra de notificação enviado para {me.Name}: {rule.Name}");
        await db.SaveChangesAsync();
        TempData.Toast(created > 0 ? "Notificação de teste enviada para você." : "Nada foi enviado.");
        return Redirect($"{Route}/{id}");
    }

    private sealed record Parsed(string Name, string Module, NotificationTriggerKind Kind, string Trigger, List<NotificationRuleCondition> Conditions,
        List<NotificationRuleRecipient> Recipients, NotificationChannels Channels, TimeOnly? Time);

    private async Task<Parsed?> ValidateAsync(NotificationRule? existing)
    {
        ModelState.Clear();
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError("Input.Name", "Informe o nome da regra.");
        else if (name.Length > NotificationRule.NameMax) ModelState.AddModelError("Input.Name", $"O nome deve ter no máximo {NotificationRule.NameMax} caracteres.");

        var module = Input.Module ?? "";
        if (!NotificationCatalog.Modules.ContainsKey(module)) ModelState.AddModelError("Input.Module", "Escolha um módulo da lista.");
        else if (existing is null || existing.Module != module)
        {
            if (!await CanEditAsync(module)) ModelState.AddModelError("Input.Module", "Você não tem permissão para configurar as regras deste módulo.");
        }

        var trigger = Input.Trigger?.Trim() ?? "";
        IReadOnlyList<string> keys = [];
        IReadOnlyList<string> people = [];
        TimeOnly? time = null;
        if (Input.TriggerKind == NotificationTriggerKind.Digest)
        {
            if (digests.Source(trigger) is not { } source) ModelState.AddModelError("Input.Trigger", "Escolha uma fonte de resumo da lista.");
            else
            {
                keys = source.FactKeys;
                people = source.People;
                if (source.Module != module) ModelState.AddModelError("Input.Trigger", "A fonte de resumo escolhida não pertence ao módulo.");
            }
            if (!TimeOnly.TryParseExact(Input.DigestTime?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                ModelState.AddModelError("Input.DigestTime", "Informe o horário do resumo no formato HH:mm (ex.: 17:00).");
            else time = t;
        }
        else if (Input.TriggerKind == NotificationTriggerKind.Event)
        {
            if (NotificationCatalog.Find(trigger) is not { } ev)
            {
                if (existing is null || existing.Trigger != trigger) ModelState.AddModelError("Input.Trigger", "Escolha um evento da lista.");
            }
            else
            {
                keys = ev.Keys;
                people = ev.People;
                if (ev.Module != module) ModelState.AddModelError("Input.Trigger", "O evento escolhido não pertence ao módulo.");
            }
        }
        else ModelState.AddModelError("Input.TriggerKind", "Escolha se a regra reage a um evento ou é um resumo.");

        var conditions = new List<NotificationRuleCondition>();
        foreach (var (c, i) in Input.Conditions.Select((c, i) => (c, i)))
        {
            var key = c.Key?.Trim() ?? "";
            var value = c.Value?.Trim() ?? "";
            if (key.Length == 0 && value.Length == 0) continue;
            var op = c.Operator == NotificationRuleCondition.InOperator ? NotificationRuleCondition.InOperator : NotificationRuleCondition.EqualsOperator;
            if (c.Operator is { Length: > 0 } given && given != NotificationRuleCondition.InOperator && given != NotificationRuleCondition.EqualsOperator)
                ModelState.AddModelError($"Input.Conditions[{i}].Operator", "Operador inválido: use “=” ou “em”.");
            if (!keys.Contains(key) && !(existing is not null && existing.Conditions.Any(x => x.Key == key)))
                ModelState.AddModelError($"Input.Conditions[{i}].Key", $"Condição {i + 1}: o campo “{key}” não existe para este gatilho.");
            if (value.Length == 0) ModelState.AddModelError($"Input.Conditions[{i}].Value", $"Condição {i + 1}: informe o valor.");
            else if (value.Length > NotificationRuleCondition.ValueMax)
                ModelState.AddModelError($"Input.Conditions[{i}].Value", $"Condição {i + 1}: o valor deve ter no máximo {NotificationRuleCondition.ValueMax} caracteres.");
            conditions.Add(new NotificationRuleCondition { Key = key, Operator = op, Value = value });
        }

        var list = new List<NotificationRuleRecipient>();
        var roleIds = Input.RoleIds.Distinct().ToList();
        var sectorIds = Input.SectorIds.Distinct().ToList();
        var userIds = Input.UserIds.Distinct().ToList();
        if (await db.Roles.CountAsync(r => roleIds.Contains(r.Id)) != roleIds.Count) ModelState.AddModelError("Input.RoleIds", "Papel inexistente.");
        if (await db.Sectors.CountAsync(s => sectorIds.Contains(s.Id)) != sectorIds.Count) ModelState.AddModelError("Input.SectorIds", "Setor inexistente.");
        if (await db.Users.CountAsync(u => userIds.Contains(u.Id)) != userIds.Count) ModelState.AddModelError("Input.UserIds", "Usuário inexistente.");
        list.AddRange(roleIds.Select(id => new NotificationRuleRecipient { Kind = RuleRecipientKind.Role, TargetId = id }));
        list.AddRange(sectorIds.Select(id => new NotificationRuleRecipient { Kind = RuleRecipientKind.Sector, TargetId = id }));
        list.AddRange(userIds.Select(id => new NotificationRuleRecipient { Kind = RuleRecipientKind.User, TargetId = id }));
        foreach (var d in Input.Dynamic.Distinct())
        {
            if (!people.Contains(d) && !(existing is not null && existing.Recipients.Any(x => x.Dynamic == d)))
                ModelState.AddModelError("Input.Dynamic", $"O destinatário “{NotificationCatalog.Dynamic(d)}” não se aplica a este gatilho.");
            else list.Add(new NotificationRuleRecipient { Kind = RuleRecipientKind.Dynamic, Dynamic = d });
        }
        if (Input.Permission?.Trim() is { Length: > 0 } code)
        {
            if (!Permissions.IsKnown(code)) ModelState.AddModelError("Input.Permission", $"Permissão desconhecida: {code}.");
            else list.Add(new NotificationRuleRecipient { Kind = RuleRecipientKind.Dynamic, Dynamic = NotificationRuleRecipient.PermissionHolders + code });
        }
        if (list.Count == 0) ModelState.AddModelError("Input.RoleIds", "Escolha ao menos um destinatário (papel, setor, usuário, dinâmico ou permissão).");

        var channels = NotificationChannels.InApp | (Input.Email ? NotificationChannels.Email : 0) | (Input.Push ? NotificationChannels.Push : 0);
        return ModelState.IsValid ? new Parsed(name, module, Input.TriggerKind, trigger, conditions, list, channels, time) : null;
    }

    private void Apply(Parsed p, NotificationRule rule)
    {
        rule.Name = p.Name;
        rule.Module = p.Module;
        rule.TriggerKind = p.Kind;
        rule.Trigger = p.Trigger;
        rule.Channels = p.Channels;
        rule.IncludeActor = Input.IncludeActor;
        rule.DigestTime = p.Kind == NotificationTriggerKind.Digest ? p.Time : null;
        rule.BusinessDaysOnly = p.Kind == NotificationTriggerKind.Digest && Input.BusinessDaysOnly;
        rule.IsActive = Input.IsActive;
        rule.Conditions.Clear();
        rule.Conditions.AddRange(p.Conditions);
        rule.Recipients.Clear();
        rule.Recipients.AddRange(p.Recipients);
    }

    private static RuleInput FromRule(NotificationRule r) => new()
    {
        Name = r.Name, Module = r.Module, TriggerKind = r.TriggerKind, Trigger = r.Trigger,
        Conditions = [.. r.Conditions.OrderBy(c => c.Id).Select(c => new RuleConditionInput { Key = c.Key, Operator = c.Operator, Value = c.Value })],
        RoleIds = [.. r.Recipients.Where(x => x.Kind == RuleRecipientKind.Role && x.TargetId != null).Select(x => x.TargetId!.Value)],
        SectorIds = [.. r.Recipients.Where(x => x.Kind == RuleRecipientKind.Sector && x.TargetId != null).Select(x => x.TargetId!.Value)],
        UserIds = [.. r.Recipients.Where(x => x.Kind == RuleRecipientKind.User && x.TargetId != null).Select(x => x.TargetId!.Value)],
        Dynamic = [.. r.Recipients.Where(x => x.Kind == RuleRecipientKind.Dynamic && x.Dynamic != null
            && !x.Dynamic.StartsWith(NotificationRuleRecipient.PermissionHolders, StringComparison.Ordinal)).Select(x => x.Dynamic!)],
        Permission = r.Recipients.FirstOrDefault(x => x.Dynamic?.StartsWith(NotificationRuleRecipient.PermissionHolders, StringComparison.Ordinal) == true)
            ?.Dynamic![NotificationRuleRecipient.PermissionHolders.Length..],
        Email = r.Channels.HasFlag(NotificationChannels.Email), Push = r.Channels.HasFlag(NotificationChannels.Push),
        IncludeActor = r.IncludeActor, DigestTime = r.DigestTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
        BusinessDaysOnly = r.BusinessDaysOnly, IsActive = r.IsActive, Version = r.Version,
    };

    private static string Summary(NotificationRule r) =>
        $"{r.Trigger}; {r.Recipients.Count} destinatário(s); {r.Conditions.Count} condição(ões); canais {RulesModel.Channels(r.Channels)}; {(r.IsActive ? "ativa" : "inativa")}";

    private Task<NotificationRule?> LoadAsync(long id) =>
        db.NotificationRules.AsNoTracking().Include(r => r.Recipients).Include(r => r.Conditions).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id);

    private async Task<bool> CanEditAsync(string module) => NotificationCatalog.CanEdit(await me.GetPermissionsAsync(), module);

    private async Task<IReadOnlyList<string>> EditableAsync()
    {
        var permissions = await me.GetPermissionsAsync();
        return EditableModules = [.. NotificationCatalog.Modules.Keys.Where(m => NotificationCatalog.CanEdit(permissions, m))];
    }

    private async Task ChoicesAsync()
    {
        await EditableAsync();
        Roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => new Choice(r.Id, r.Name)).ToListAsync();
        Sectors = await db.Sectors.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync();
        Users = await db.Users.AsNoTracking().Where(u => u.IsActive || Input.UserIds.Contains(u.Id)).OrderBy(u => u.FullName)
            .Select(u => new Choice(u.Id, u.FullName)).ToListAsync();
        while (Input.Conditions.Count < ConditionRows) Input.Conditions.Add(new RuleConditionInput());
    }
}
