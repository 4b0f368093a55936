using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Authorization;
using Portal.Platform.Data;
using Portal.Platform.Events;
using Portal.Platform.RichText;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

/// <summary>What a form or the API submits for one department profile; <see cref="Options"/> maps group key → option codes.</summary>
public sealed class ProfileInput
{
    public long? ResponsibleUserId { get; set; }
    public string? Description { get; set; }
    public string? Particularities { get; set; }
    public List<long> ContactIds { get; set; } = [];
    public Dictionary<string, List<string>> Options { get; set; } = new(StringComparer.Ordinal);
    public string? MovementNotes { get; set; }
    public string? ImportNotes { get; set; }
    public string? ContactNotes { get; set; }
    public string? ReportControlNotes { get; set; }
    public string? PayrollSendDate { get; set; }
    public string? EmployeeRegistration { get; set; }
    public string? TimeClock { get; set; }
    public string? Payment { get; set; }
}

public enum ProfileOutcome { Saved, Created, Invalid, NotFound, Forbidden, Conflict, Exists }

public sealed record ProfileResult(ProfileOutcome Outcome, ClientDepartmentProfile? Profile = null, FieldErrors? Errors = null)
{
    public bool Succeeded => Outcome is ProfileOutcome.Saved or ProfileOutcome.Created;
}

/// <summary>
/// Department profiles (clients.md §6): one per client and type (unique index), each saved separately with its own
/// version; restricted types only for clients.departments.restricted.view; audited with the restricted flag so the
/// record's history hides them from others.
/// </summary>
public sealed class DepartmentProfiles(PortalDb db, AuditLog audit, CurrentUser currentUser, IDomainEvents events, RichText richText)
{
    public const string NotForMei = "Este departamento não se aplica a clientes MEI.";
    public const string InactiveUser = "Escolha um usuário ativo.";
    public const string UnknownContact = "Contato inválido.";
    public const int ParticularitiesMax = 20_000;

    public Task<DepartmentType?> TypeAsync(string code, CancellationToken ct = default) =>
        db.DepartmentTypes().AsNoTracking().FirstOrDefaultAsync(t => t.Code == code, ct);

    /// <param name="expectedVersion">Null: create (an existing profile answers <see cref="ProfileOutcome.Exists"/>); 0 from a form: create.</param>
    public async Task<ProfileResult> SaveAsync(long clientId, string typeCode, ProfileInput input, int? expectedVersion, CancellationToken ct = default)
    {
        var client = await db.Clients().AsNoTracking().Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == clientId, ct);
        var type = await TypeAsync(typeCode, ct);
        if (client is null || type is null) return new ProfileResult(ProfileOutcome.NotFound);
        if (type.IsRestricted && !await currentUser.HasAsync(ClientPermissions.DepartmentsRestrictedView)) return new ProfileResult(ProfileOutcome.NotFound);

        var profile = await db.DepartmentProfiles().Include(p => p.Options).Include(p => p.Contacts)
            .FirstOrDefaultAsync(p => p.ClientId == clientId && p.DepartmentTypeId == type.Id, ct);
        if (profile is not null && (expectedVersion is null || expectedVersion == 0)) return new ProfileResult(ProfileOutcome.Exists, profile);
        if (profile is not null && expectedVersion != profile.Version) return new ProfileResult(ProfileOutcome.Conflict, profile);

        var errors = new FieldErrors();
        if (client.TaxRegime == TaxRegime.MEI && !type.AppliesToMei) errors.Add("", NotForMei);
        var clean = await ValidateAsync(input, type, client, profile, errors, ct);
        if (!errors.IsValid) return new ProfileResult(ProfileOutcome.Invalid, profile, errors);

        var labels = await LabelsAsync(ct);
        var previousResponsible = profile?.ResponsibleUserId;
        var before = profile is null ? null : Describe(profile, labels, client);
        var creating = profile is null;
        if (profile is null)
        {
            profile = new ClientDepartmentProfile { ClientId = clientId, DepartmentTypeId = type.Id };
            db.DepartmentProfiles().Add(profile);
        }
        else db.Entry(profile).Property(p => p.Version).OriginalValue = expectedVersion!.Value;
        Apply(profile, clean);
        var after = Describe(profile, labels, client);
        var changes = before is null ? after.Where(c => c.New is not null).ToList() : ClientService.Diff(before, after);
        if (!creating && changes.Count == 0) return new ProfileResult(ProfileOutcome.Saved, profile);
        if (!creating) db.Entry(profile).Property(p => p.UpdatedAt).IsModified = true;

        var entry = audit.Record(creating ? "create" : "update", ClientService.ResourceType, clientId,
            $"Cliente {client.Code} – {client.Name}", $"Perfil {type.Label} {(creating ? "preenchido" : "alterado")}", changes);
        entry.IsRestricted = type.IsRestricted;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ProfileResult(ProfileOutcome.Conflict, await LoadAsync(clientId, type.Id, ct));
        }
        catch (DbUpdateException) when (creating)
        {
            // Someone created the same profile meanwhile (unique per client and type, CLI-17).
            db.ChangeTracker.Clear();
            return new ProfileResult(ProfileOutcome.Exists, await LoadAsync(clientId, type.Id, ct));
        }
        if (profile.ResponsibleUserId is long responsible && responsible != previousResponsible)
            await events.PublishAsync(new DepartmentResponsibleAssigned(clientId, $"{client.Code} – {client.Name}", profile.Id, profile.Version,
                type.Code, type.Label, type.IsRestricted, responsible, currentUser.Id == 0 ? null : currentUser.Id, currentUser.Name), ct);
        return new ProfileResult(creating ? ProfileOutcome.Created : ProfileOutcome.Saved, profile);
    }

    public Task<ClientDepartmentProfile?> LoadAsync(long clientId, long typeId, CancellationToken ct = default) =>
        db.DepartmentProfiles().AsNoTracking().Include(p => p.Options).Include(p => p.Contacts)
            .FirstOrDefaultAsync(p => p.ClientId == clientId && p.DepartmentTypeId == typeId, ct);

    public static ProfileInput ToInput(ClientDepartmentProfile? p) => p is null ? new ProfileInput() : new ProfileInput
    {
        ResponsibleUserId = p.ResponsibleUserId, Description = p.Description, Particularities = ParticularitiesHtml(p.Particularities),
        ContactIds = p.Contacts.Select(c => c.ContactId).Order().ToList(),
        Options = p.Options.GroupBy(o => o.Group).ToDictionary(g => g.Key, g => g.Select(o => o.OptionCode).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal),
        MovementNotes = p.MovementNotes, ImportNotes = p.ImportNotes, ContactNotes = p.ContactNotes, ReportControlNotes = p.ReportControlNotes,
        PayrollSendDate = p.PayrollSendDate, EmployeeRegistration = p.EmployeeRegistration, TimeClock = p.TimeClock, Payment = p.Payment,
    };

    private sealed record CleanProfile(long? ResponsibleUserId, string? Description, string? Particularities, List<long> ContactIds,
        List<(string Group, string Code)> Options, string? MovementNotes, string? ImportNotes, string? ContactNotes, string? ReportControlNotes,
        string? PayrollSendDate, string? EmployeeRegistration, string? TimeClock, string? Payment);

    private async Task<CleanProfile> ValidateAsync(ProfileInput input, DepartmentType type, Client client, ClientDepartmentProfile? current, FieldErrors errors, CancellationToken ct)
    {
        if (input.ResponsibleUserId is long userId && userId != current?.ResponsibleUserId
            && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct))
            errors.Add(nameof(ProfileInput.ResponsibleUserId), InactiveUser);
        var contactIds = input.ContactIds.Distinct().ToList();
        if (contactIds.Any(id => client.Contacts.All(c => c.Id != id))) errors.Add(nameof(ProfileInput.ContactIds), UnknownContact);

        var set = type.FieldSet;
        var fiscalOrContabil = set is DepartmentFieldSet.Fiscal or DepartmentFieldSet.Contabil;
        var options = new List<(string, string)>();
        var selected = current?.Options.Select(o => (o.Group, o.OptionCode)).ToHashSet() ?? [];
        var lists = await db.LookupValues.AsNoTracking().Where(v => DepartmentOptions.All.Select(g => g.ListKey).Contains(v.List.Key))
            .Select(v => new { v.List.Key, v.Code, v.IsActive }).ToListAsync(ct);
        foreach (var group in DepartmentOptions.For(set))
        {
            var field = $"Options.{group.Key}";
            var codes = (input.Options.GetValueOrDefault(group.Key) ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
            if (codes.Any(code => !lists.Any(v => v.Key == group.ListKey && v.Code == code && (v.IsActive || selected.Contains((group.Key, code))))))
            {
                errors.Add(field, DepartmentOptions.UnknownOption);
                continue;
            }
            if (!group.Multiple && codes.Count > 1) errors.Add(field, DepartmentOptions.SingleOnly);
            if (group == DepartmentOptions.ImportMethods && codes.Contains(DepartmentOptions.NoneCode) && codes.Count > 1)
                errors.Add(field, DepartmentOptions.NoneCombined);
            options.AddRange(codes.Select(c => (group.Key, c)));
        }
        if (fiscalOrContabil)
        {
            var movement = options.Where(o => o.Item1 == DepartmentOptions.Movement.Key).Select(o => o.Item2).FirstOrDefault();
            bool Has(OptionGroup g) => options.Any(o => o.Item1 == g.Key);
            if (DepartmentOptions.MovementIncludesDigital(movement) && !Has(DepartmentOptions.DigitalDelivery))
                errors.Add($"Options.{DepartmentOptions.DigitalDelivery.Key}", DepartmentOptions.RequiredForDigital);
            if (DepartmentOptions.MovementIncludesPhysical(movement) && !Has(DepartmentOptions.PhysicalDelivery))
                errors.Add($"Options.{DepartmentOptions.PhysicalDelivery.Key}", DepartmentOptions.RequiredForPhysical);
            if (options.Contains((DepartmentOptions.PhysicalDelivery.Key, DepartmentOptions.PouchCode)) && !Has(DepartmentOptions.PouchPickup))
                errors.Add($"Options.{DepartmentOptions.PouchPickup.Key}", DepartmentOptions.RequiredForPouch);
        }

        // Rich text (platform.md §4): sanitized to the one allow-list on save; the limit counts plain-text characters.
        var particularities = await richText.CleanAsync(input.Particularities, currentUser.Id == 0 ? null : currentUser.Id, ct);
        particularities.Validate(errors, nameof(input.Particularities), ParticularitiesMax);

        string? Text(string field, string? value, int max, bool applies = true) =>
            applies ? Validators.Text(errors, field, value, max, required: false) : null;
        var contabil = set == DepartmentFieldSet.Contabil;
        var pessoal = set == DepartmentFieldSet.Pessoal;
        return new CleanProfile(input.ResponsibleUserId, Text(nameof(input.Description), input.Description, 500),
            particularities.Html, contactIds, options,
            Text(nameof(input.MovementNotes), input.MovementNotes, 500, fiscalOrContabil),
            Text(nameof(input.ImportNotes), input.ImportNotes, 500, fiscalOrContabil),
            Text(nameof(input.ContactNotes), input.ContactNotes, 500, fiscalOrContabil),
            Text(nameof(input.ReportControlNotes), input.ReportControlNotes, 500, contabil),
            Text(nameof(input.PayrollSendDate), input.PayrollSendDate, 100, pessoal),
            Text(nameof(input.EmployeeRegistration), input.EmployeeRegistration, 200, pessoal),
            Text(nameof(input.TimeClock), input.TimeClock, 200, pessoal),
            Text(nameof(input.Payment), input.Payment, 200, pessoal));
    }

    private static void Apply(ClientDepartmentProfile p, CleanProfile v)
    {
        p.ResponsibleUserId = v.ResponsibleUserId;
        p.Description = v.Description;
        p.Particularities = v.Particularities;
        p.MovementNotes = v.MovementNotes;
        p.ImportNotes = v.ImportNotes;
        p.ContactNotes = v.ContactNotes;
        p.ReportControlNotes = v.ReportControlNotes;
        p.PayrollSendDate = v.PayrollSendDate;
        p.EmployeeRegistration = v.EmployeeRegistration;
        p.TimeClock = v.TimeClock;
        p.Payment = v.Payment;
        p.Options.RemoveAll(o => !v.Options.Contains((o.Group, o.OptionCode)));
        foreach (var (group, code) in v.Options.Where(o => !p.Options.Any(x => x.Group == o.Group && x.OptionCode == o.Code)))
            p.Options.Add(new ClientDepartmentOption { Group = group, OptionCode = code });
        p.Contacts.RemoveAll(c => !v.ContactIds.Contains(c.ContactId));
        foreach (var id in v.ContactIds.Where(id => p.Contacts.All(c => c.ContactId != id)))
            p.Contacts.Add(new ClientDepartmentContact { ContactId = id });
    }

    private sealed record Labels(Dictionary<long, string> Users, List<(string ListKey, string Code, string Label)> Options);

    private async Task<Labels> LabelsAsync(CancellationToken ct)
    {
        var keys = DepartmentOptions.All.Select(g => g.ListKey).ToList();
        var options = (await db.LookupValues.AsNoTracking().Where(v => keys.Contains(v.List.Key)).Select(v => new { v.List.Key, v.Code, v.Label }).ToListAsync(ct))
            .Select(v => (v.Key, v.Code, v.Label)).ToList();
        return new Labels([], options);
    }

    private List<AuditChange> Describe(ClientDepartmentProfile p, Labels labels, Client client)
    {
        string? Join(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : null;
        string Label(OptionGroup g, string code) => labels.Options.FirstOrDefault(o => o.ListKey == g.ListKey && o.Code == code).Label ?? code;
        static string? Short(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;
        var list = new List<AuditChange>
        {
            new("Responsável", null, p.ResponsibleUserId is long u ? ResponsibleName(u) : null),
            new("Descrição", null, Short(p.Description)),
            new("Contatos", null, Join(p.Contacts.Select(c => client.Contacts.FirstOrDefault(x => x.Id == c.ContactId)?.Name ?? "#" + c.ContactId).Order(StringComparer.Ordinal))),
        };
        foreach (var g in DepartmentOptions.All)
            list.Add(new(g.Label, null, Join(p.Options.Where(o => o.Group == g.Key).Select(o => Label(g, o.OptionCode)).Order(StringComparer.Ordinal))));
        list.AddRange(
        [
            new("Observações de movimento", null, Short(p.MovementNotes)), new("Observações de importação", null, Short(p.ImportNotes)),
            new("Observações de contato", null, Short(p.ContactNotes)), new("Observação do controle de relatórios", null, Short(p.ReportControlNotes)),
            new("Data de envio", null, p.PayrollSendDate), new("Registro de funcionários", null, p.EmployeeRegistration),
            new("Ponto eletrônico", null, p.TimeClock), new("Pagamento", null, p.Payment), new("Particularidades", null, Short(ParticularitiesText(p.Particularities))),
        ]);
        return list;
    }

    /// <summary>
    /// The particularities as HTML for the record, the editor and the API. Saved values are sanitized rich text; values
    /// written before it was rich text (or imported) are plain text and become paragraphs, one per line.
    /// </summary>
    public static string? ParticularitiesHtml(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return null;
        if (stored.Contains('<', StringComparison.Ordinal)) return RichTextSanitizer.Instance.Clean(stored).Html;
        var lines = stored.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0)
            .Select(l => "<p>" + System.Net.WebUtility.HtmlEncode(l.Trim()) + "</p>");
        return RichTextSanitizer.Instance.Clean(string.Concat(lines)).Html;
    }

    /// <summary>Plain text of the particularities for the audit diff (never markup in the history).</summary>
    public static string? ParticularitiesText(string? stored) =>
        ParticularitiesHtml(stored) is { } html && RichTextSanitizer.Instance.Clean(html).PlainText is { Length: > 0 } plain ? plain : null;

    private string? ResponsibleName(long userId)
    {
        // Loaded on demand: profiles name at most one responsible each.
        var local = db.Users.Local.FirstOrDefault(u => u.Id == userId);
        return local?.FullName ?? db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.FullName).FirstOrDefault() ?? "#" + userId;
    }
}
