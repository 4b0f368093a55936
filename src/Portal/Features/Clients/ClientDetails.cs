using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Data;

namespace Portal.Features.Clients;

public sealed record ProfileView(DepartmentType Type, ClientDepartmentProfile? Profile, string? ResponsibleName, IReadOnlyList<string> ContactNames);

public sealed record HistoryItem(DateTime At, string? Actor, string Action, string? Summary, IReadOnlyList<AuditChange> Changes);

/// <summary>Read models of the client record shared by the page and the API (never a password: they are not selected).</summary>
public sealed class ClientDetails(PortalDb db)
{
    public const int HistoryPageSize = 20;

    /// <summary>
    /// Tables behind the list and the record: pages cache their reads under this stamp (ADR-008, ADR-015). People's names
    /// (Users) are left out — they are written on every session touch — and may lag by the lifetime.
    /// </summary>
    public static readonly ChangeGroup Tables = new("clients", ["Clients", "ClientPartners", "ClientContacts", "ClientContactChannels",
        "ClientCredentials", "ClientSystems", "DepartmentTypes", "ClientDepartmentProfiles", "ClientDepartmentOptions",
        "ClientDepartmentContacts", "LookupLists", "LookupValues", "AuditEntries"]);

    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    /// <summary>The client with partners, contacts and systems, untracked; credentials are loaded without their secret.</summary>
    public Task<Client?> LoadAsync(long id, CancellationToken ct = default) =>
        db.Clients().AsNoTracking().Include(c => c.Systems).Include(c => c.Partners).Include(c => c.Contacts).ThenInclude(c => c.Channels)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct);

    public Task<bool> ExistsAsync(long id, CancellationToken ct = default) => db.Clients().AnyAsync(c => c.Id == id, ct);

    public async Task<IReadOnlyList<CredentialView>> CredentialsAsync(long clientId, CancellationToken ct = default) =>
        await db.ClientCredentials().AsNoTracking().Where(c => c.ClientId == clientId).OrderBy(c => c.SystemName).ThenBy(c => c.Id)
            .Select(c => new CredentialView(c.Id, c.SystemName, c.Url, c.Username, c.Notes, c.PasswordEncrypted != null, c.PasswordUpdatedAt, c.Version))
            .ToListAsync(ct);

    /// <summary>Department types shown for this client: MEI clients see only the types that apply to MEI; restricted ones need the permission.</summary>
    public async Task<IReadOnlyList<ProfileView>> ProfilesAsync(Client client, bool restrictedVisible, CancellationToken ct = default)
    {
        var mei = client.TaxRegime == TaxRegime.MEI;
        var types = await db.DepartmentTypes().AsNoTracking()
            .Where(t => (!mei || t.AppliesToMei) && (restrictedVisible || !t.IsRestricted))
            .OrderBy(t => t.SortOrder).ToListAsync(ct);
        var profiles = await db.DepartmentProfiles().AsNoTracking().Include(p => p.Options).Include(p => p.Contacts)
            .Where(p => p.ClientId == client.Id).AsSplitQuery().ToListAsync(ct);
        var userIds = profiles.Where(p => p.ResponsibleUserId != null).Select(p => p.ResponsibleUserId!.Value).Distinct().ToList();
        var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var contactNames = client.Contacts.ToDictionary(c => c.Id, c => c.Name);
        return types.Select(t =>
        {
            var p = profiles.FirstOrDefault(x => x.DepartmentTypeId == t.Id);
            return new ProfileView(t, p, p?.ResponsibleUserId is long u ? users.GetValueOrDefault(u) : null,
                p?.Contacts.Select(c => contactNames.GetValueOrDefault(c.ContactId)).OfType<string>().ToList() ?? []);
        }).ToList();
    }

    /// <summary>Labels of every option list the record shows (systems and department groups), by list key and code/id.</summary>
    public async Task<OptionLabels> OptionLabelsAsync(CancellationToken ct = default)
    {
        var keys = DepartmentOptions.All.Select(g => g.ListKey).Append(DepartmentOptions.SystemsListKey).ToList();
        var rows = await db.LookupValues.AsNoTracking().Where(v => keys.Contains(v.List.Key))
            .OrderBy(v => v.SortOrder).ThenBy(v => v.Label)
            .Select(v => new OptionLabel(v.List.Key, v.Id, v.Code, v.Label, v.IsActive)).ToListAsync(ct);
        return new OptionLabels(rows);
    }

    public async Task<IReadOnlyList<(long Id, string Code, string Name, bool IsActive)>> FiliaisAsync(long clientId, CancellationToken ct = default) =>
        (await db.Clients().AsNoTracking().Where(c => c.ParentClientId == clientId).OrderBy(c => c.CodeNormalized)
            .Select(c => new { c.Id, c.Code, c.Name, c.IsActive }).ToListAsync(ct))
        .Select(c => (c.Id, c.Code, c.Name, c.IsActive)).ToList();

    public Task<Client?> ParentAsync(long? parentId, CancellationToken ct = default) =>
        parentId is null ? Task.FromResult<Client?>(null) : db.Clients().AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId, ct);

    /// <summary>Audit entries of the client and its partners, contacts, credentials and profiles, newest first (clients.md §8).</summary>
    public async Task<(IReadOnlyList<HistoryItem> Items, int Total)> HistoryAsync(long clientId, bool restrictedVisible, int page, CancellationToken ct = default)
    {
        var id = clientId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.ResourceType == ClientService.ResourceType && a.ResourceId == id);
        if (!restrictedVisible) query = query.Where(a => !a.IsRestricted);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip((Math.Max(page, 1) - 1) * HistoryPageSize).Take(HistoryPageSize)
            .Select(a => new { a.OccurredAt, a.ActorName, a.Action, a.Summary, a.ChangesJson }).ToListAsync(ct);
        return (rows.Select(r => new HistoryItem(r.OccurredAt, r.ActorName, r.Action, r.Summary, AuditLog.ParseChanges(r.ChangesJson))).ToList(), total);
    }
}

public sealed record CredentialView(long Id, string SystemName, string? Url, string? Username, string? Notes, bool HasPassword, DateTime? PasswordUpdatedAt, int Version);

public sealed record OptionLabel(string ListKey, long Id, string Code, string Label, bool IsActive);

public sealed class OptionLabels(IReadOnlyList<OptionLabel> rows)
{
    public IReadOnlyList<OptionLabel> Rows => rows;

    public string Label(string listKey, string code) =>
        rows.FirstOrDefault(r => r.ListKey == listKey && r.Code == code)?.Label ?? code;

    public string SystemLabel(long id) => rows.FirstOrDefault(r => r.ListKey == DepartmentOptions.SystemsListKey && r.Id == id)?.Label ?? "#" + id;

    public IEnumerable<OptionLabel> Of(string listKey) => rows.Where(r => r.ListKey == listKey);
}
