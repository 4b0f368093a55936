using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Contracts;
using Portal.Platform.Data;
using Portal.Platform.Events;
using Portal.Platform.Text;
using Portal.Platform.Validation;

namespace Portal.Features.Clients;

public enum ClientOutcome { Saved, Invalid, NotFound, Conflict, HasDependents }

public sealed record ClientResult(ClientOutcome Outcome, Client? Client = null, FieldErrors? Errors = null)
{
    public bool Succeeded => Outcome == ClientOutcome.Saved;
}

/// <summary>
/// Create, update and delete of a client with its partners, contacts and systems — one set of rules and one audit
/// trail for the pages and the API (clients.md §5). Callers check the permission; the service checks everything else.
/// </summary>
public sealed class ClientService(PortalDb db, AuditLog audit, ClientValidator validator, TimeProvider clock, IEnumerable<IClientDependents> dependents,
    IDomainEvents events, IAuditActor actor)
{
    public const string HasDependentsMessage = "Cliente possui registros vinculados; desative-o.";
    public const string ResourceType = "Client";

    public static string AuditLabel(Client c) => $"Cliente {c.Code} – {c.Name}";

    /// <summary>The client with everything the edit form and the diff need, tracked.</summary>
    public Task<Client?> LoadAsync(long id, CancellationToken ct = default) =>
        db.Clients().Include(c => c.Systems).Include(c => c.Partners).Include(c => c.Contacts).ThenInclude(c => c.Channels)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<ClientResult> CreateAsync(ClientInput input, bool showDuplicate, CancellationToken ct = default)
    {
        var (valid, errors) = await validator.ValidateAsync(input, null, showDuplicate, ct);
        if (valid is null) return new ClientResult(ClientOutcome.Invalid, Errors: errors);
        var client = new Client();
        Apply(client, valid);
        db.Clients().Add(client);
        var labels = await SystemLabelsAsync(ct);
        try
        {
            await AuditedInsert.SaveAsync(db, () => audit.Record("create", ResourceType, client.Id, AuditLabel(client),
                $"Cliente {client.Code} – {client.Name} cadastrado", Describe(client, labels).Where(c => c.New is not null).ToList()), ct);
        }
        catch (DbUpdateException)
        {
            // Two people saved the same code or document at once: the unique index kept one; report it like the check.
            if (!await IsDuplicateAsync(valid, 0, ct)) throw;
            return await CreateAsync(input, showDuplicate, ct);
        }
        return new ClientResult(ClientOutcome.Saved, client);
    }

    public async Task<ClientResult> UpdateAsync(long id, ClientInput input, int expectedVersion, bool showDuplicate, CancellationToken ct = default)
    {
        var client = await LoadAsync(id, ct);
        if (client is null) return new ClientResult(ClientOutcome.NotFound);
        if (client.Version != expectedVersion) return new ClientResult(ClientOutcome.Conflict, client);
        var (valid, errors) = await validator.ValidateAsync(input, client, showDuplicate, ct);
        if (valid is null) return new ClientResult(ClientOutcome.Invalid, client, errors);

        var labels = await SystemLabelsAsync(ct);
        var before = Describe(client, labels);
        var (oldCode, oldDocument, wasActive) = (client.Code, client.Document, client.IsActive);
        db.Entry(client).Property(c => c.Version).OriginalValue = expectedVersion;
        Apply(client, valid);
        var changes = Diff(before, Describe(client, labels));
        if (changes.Count == 0) return new ClientResult(ClientOutcome.Saved, client);

        // A change to a child row alone must still be checked against (and bump) the client's version.
        db.Entry(client).Property(c => c.UpdatedAt).IsModified = true;
        audit.Record("update", ResourceType, client.Id, AuditLabel(client), UpdateSummary(client, oldCode, oldDocument, wasActive), changes);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ClientResult(ClientOutcome.Conflict, await LoadAsync(id, ct));
        }
        if (wasActive && !client.IsActive)
            await events.PublishAsync(new ClientDeactivated(client.Id, $"{client.Code} – {client.Name}", client.Version, client.DeactivationReason,
                actor.UserId, actor.Name ?? "Alguém"), ct);
        return new ClientResult(ClientOutcome.Saved, client);
    }

    /// <summary>Hard delete, only without linked records (filiais or other modules' records).</summary>
    public async Task<ClientResult> DeleteAsync(long id, int? expectedVersion, CancellationToken ct = default)
    {
        var client = await LoadAsync(id, ct);
        if (client is null) return new ClientResult(ClientOutcome.NotFound);
        if (expectedVersion is int v && v != client.Version) return new ClientResult(ClientOutcome.Conflict, client);
        if (await db.Clients().AnyAsync(c => c.ParentClientId == id, ct)) return new ClientResult(ClientOutcome.HasDependents, client);
        foreach (var d in dependents)
            if (await d.HasAnyAsync(id, ct)) return new ClientResult(ClientOutcome.HasDependents, client);

        var snapshot = Describe(client, await SystemLabelsAsync(ct)).Where(c => c.New is not null)
            .Select(c => new AuditChange(c.Field, c.New, null)).ToList();
        db.Entry(client).Property(c => c.Version).OriginalValue = client.Version;
        db.Clients().Remove(client);
        audit.Record("delete", ResourceType, client.Id, AuditLabel(client), $"Cliente {client.Code} – {client.Name} excluído", snapshot);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ClientResult(ClientOutcome.Conflict, await LoadAsync(id, ct));
        }
        await events.PublishAsync(new ClientDeleted(client.Id, AuditLabel(client), actor.UserId, actor.Name ?? "Alguém"), ct);
        return new ClientResult(ClientOutcome.Saved, client);
    }

    /// <summary>The form/API input that reproduces the stored client (edit form, PATCH base).</summary>
    public static ClientInput ToInput(Client c) => new()
    {
        Document = c.Document, Code = c.Code, Name = c.Name, TradeName = c.TradeName,
        OpeningDate = c.OpeningDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        EstablishmentType = c.EstablishmentType?.ToString(), ParentClientId = c.ParentClientId, TaxRegime = c.TaxRegime.ToString(),
        BookkeepingCash = c.BookkeepingCash, BookkeepingAccrual = c.BookkeepingAccrual, MainActivityCode = c.MainActivityCode,
        MainActivity = c.MainActivity, ClientSystem = c.ClientSystem, SystemIds = c.Systems.Select(s => s.LookupValueId).Order().ToList(),
        Street = c.Street, Number = c.Number, Complement = c.Complement, District = c.District, City = c.City, State = c.State,
        PostalCode = c.PostalCode, Phone = c.Phone, Email = c.Email, CredentialsNotes = c.CredentialsNotes, Notes = c.Notes,
        IsActive = c.IsActive, DeactivationReason = c.DeactivationReason,
        Partners = c.Partners.OrderBy(p => p.SortOrder).Select(p => new PartnerInput
        {
            Id = p.Id, Name = p.Name, Qualification = p.Qualification, IsAdministrator = p.IsAdministrator, Document = p.Document,
        }).ToList(),
        Contacts = c.Contacts.OrderBy(x => x.SortOrder).Select(x => new ContactInput
        {
            Id = x.Id, Name = x.Name, Role = x.Role, Notes = x.Notes, IsPrimary = x.IsPrimary,
            Channels = x.Channels.OrderBy(ch => ch.SortOrder).Select(ch => new ChannelInput { Type = ch.Type.ToString(), Value = ch.Value }).ToList(),
        }).ToList(),
    };

    private void Apply(Client c, ValidClient v)
    {
        c.Code = v.Code;
        c.CodeNormalized = v.CodeNormalized;
        c.Name = v.Name;
        c.NameNormalized = TextNormalizer.Key(v.Name);
        c.TradeName = v.TradeName;
        c.TradeNameNormalized = v.TradeName is null ? null : TextNormalizer.Key(v.TradeName);
        c.DocumentType = v.DocumentType;
        c.Document = v.Document;
        c.DocumentInvalid = v.DocumentInvalid;
        c.OpeningDate = v.OpeningDate;
        c.EstablishmentType = v.EstablishmentType;
        c.ParentClientId = v.ParentClientId;
        c.TaxRegime = v.TaxRegime;
        c.BookkeepingCash = v.BookkeepingCash;
        c.BookkeepingAccrual = v.BookkeepingAccrual;
        c.MainActivityCode = v.MainActivityCode;
        c.MainActivity = v.MainActivity;
        c.ClientSystem = v.ClientSystem;
        c.Street = v.Street;
        c.Number = v.Number;
        c.Complement = v.Complement;
        c.District = v.District;
        c.City = v.City;
        c.State = v.State;
        c.PostalCode = v.PostalCode;
        c.Phone = v.Phone;
        c.Email = v.Email;
        c.CredentialsNotes = v.CredentialsNotes;
        c.Notes = v.Notes;
        if (c.IsActive && !v.IsActive) c.DeactivatedAt = clock.GetUtcNow().UtcDateTime;
        if (!v.IsActive && c.DeactivationReason != v.DeactivationReason) c.DeactivationReason = v.DeactivationReason;
        if (v.IsActive)
        {
            c.DeactivatedAt = null;
            c.DeactivationReason = null;
        }
        c.IsActive = v.IsActive;

        c.Systems.RemoveAll(s => !v.SystemIds.Contains(s.LookupValueId));
        foreach (var id in v.SystemIds.Where(id => c.Systems.All(s => s.LookupValueId != id)))
            c.Systems.Add(new ClientSystemLink { LookupValueId = id });

        var keptPartners = new List<ClientPartner>();
        for (var i = 0; i < v.Partners.Count; i++)
        {
            var p = v.Partners[i];
            var row = c.Partners.FirstOrDefault(x => x.Id != 0 && x.Id == p.Id && !keptPartners.Contains(x)) ?? new ClientPartner();
            row.Name = p.Name;
            row.Qualification = p.Qualification;
            row.IsAdministrator = p.IsAdministrator;
            row.Document = p.Document;
            row.SortOrder = i;
            keptPartners.Add(row);
        }
        c.Partners.RemoveAll(x => !keptPartners.Contains(x));
        foreach (var p in keptPartners.Where(p => !c.Partners.Contains(p))) c.Partners.Add(p);

        var keptContacts = new List<ClientContact>();
        for (var i = 0; i < v.Contacts.Count; i++)
        {
            var x = v.Contacts[i];
            var row = c.Contacts.FirstOrDefault(r => r.Id != 0 && r.Id == x.Id && !keptContacts.Contains(r)) ?? new ClientContact();
            row.Name = x.Name;
            row.Role = x.Role;
            row.Notes = x.Notes;
            row.IsPrimary = x.IsPrimary;
            row.SortOrder = i;
            var same = row.Channels.OrderBy(ch => ch.SortOrder).Select(ch => (ch.Type, ch.Value)).SequenceEqual(x.Channels);
            if (!same)
            {
                row.Channels.Clear();
                var order = 0;
                foreach (var (type, value) in x.Channels) row.Channels.Add(new ContactChannel { Type = type, Value = value, SortOrder = order++ });
            }
            keptContacts.Add(row);
        }
        c.Contacts.RemoveAll(r => !keptContacts.Contains(r));
        foreach (var r in keptContacts.Where(r => !c.Contacts.Contains(r))) c.Contacts.Add(r);
    }

    private async Task<Dictionary<long, string>> SystemLabelsAsync(CancellationToken ct) =>
        await db.LookupValues.AsNoTracking().Where(v => v.List.Key == DepartmentOptions.SystemsListKey).ToDictionaryAsync(v => v.Id, v => v.Label, ct);

    private async Task<bool> IsDuplicateAsync(ValidClient v, long id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Clients().AnyAsync(c => c.Id != id && (c.CodeNormalized == v.CodeNormalized || c.Document == v.Document), ct);
    }

    private static string UpdateSummary(Client c, string oldCode, string oldDocument, bool wasActive)
    {
        var parts = new List<string>();
        if (oldCode != c.Code) parts.Add($"código {oldCode} → {c.Code}");
        if (oldDocument != c.Document) parts.Add($"{c.DocumentType} {Documents.Format(oldDocument)} → {Documents.Format(c.Document)}");
        var verb = wasActive == c.IsActive ? "alterado" : c.IsActive ? "reativado" : "desativado";
        return $"Cliente {c.Code} – {c.Name} {verb}" + (parts.Count > 0 ? " (" + string.Join("; ", parts) + ")" : "");
    }

    /// <summary>Every audited field with its current value ("New"); <see cref="Diff"/> compares two of these.</summary>
    public static List<AuditChange> Describe(Client c, IReadOnlyDictionary<long, string> systemLabels)
    {
        static string? Join(IEnumerable<string> items) => items.Any() ? string.Join("; ", items) : null;
        return
        [
            new("Código", null, c.Code), new("Nome", null, c.Name), new("Nome fantasia", null, c.TradeName),
            new(c.DocumentType.ToString(), null, Documents.Format(c.Document)),
            new("Data de abertura", null, c.OpeningDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
            new("Tipo", null, c.EstablishmentType?.ToString()), new("Matriz", null, c.ParentClientId?.ToString(CultureInfo.InvariantCulture)),
            new("Regime", null, ClientLabels.Regime(c.TaxRegime)),
            new("Lançamento", null, ClientLabels.Bookkeeping(c.BookkeepingCash, c.BookkeepingAccrual)),
            new("CNAE", null, c.MainActivityCode), new("Atividade", null, c.MainActivity), new("Sistema utilizado", null, c.ClientSystem),
            new("Sistemas", null, Join(c.Systems.Select(s => systemLabels.GetValueOrDefault(s.LookupValueId, "#" + s.LookupValueId)).Order(StringComparer.Ordinal))),
            new("Logradouro", null, c.Street), new("Número", null, c.Number), new("Complemento", null, c.Complement),
            new("Bairro", null, c.District), new("Cidade", null, c.City), new("UF", null, c.State), new("CEP", null, c.PostalCode),
            new("Telefone", null, c.Phone), new("E-mail", null, c.Email), new("Observação dos acessos", null, c.CredentialsNotes),
            new("Observações", null, c.Notes), new("Ativo", null, c.IsActive ? "sim" : "não"),
            new("Motivo da desativação", null, c.DeactivationReason),
            new("Sócios", null, Join(c.Partners.OrderBy(p => p.SortOrder).Select(p =>
                p.Name + (p.Qualification is null ? "" : $" ({p.Qualification})") + (p.IsAdministrator ? " [administrador]" : "")
                + (p.Document is null ? "" : " " + Documents.Format(p.Document))))),
            new("Contatos", null, Join(c.Contacts.OrderBy(x => x.SortOrder).Select(x =>
                x.Name + (x.Role is null ? "" : $" ({x.Role})") + (x.IsPrimary ? " [principal]" : "") + ": "
                + string.Join(", ", x.Channels.OrderBy(ch => ch.SortOrder).Select(ch => $"{ch.Type} {ch.Value}"))))),
        ];
    }

    public static List<AuditChange> Diff(List<AuditChange> before, List<AuditChange> after)
    {
        var changes = new List<AuditChange>();
        foreach (var field in after) AuditLog.Diff(changes, field.Field, before.FirstOrDefault(b => b.Field == field.Field)?.New, field.New);
        // The document field is named after its type: a CNPJ → CPF change shows both.
        foreach (var gone in before.Where(b => after.All(a => a.Field != b.Field) && b.New is not null)) changes.Add(new AuditChange(gone.Field, gone.New, null));
        return changes;
    }
}
