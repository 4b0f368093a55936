using Portal.Platform.Authorization;
using Portal.Platform.Text;

namespace Portal.Platform.Ops.Import;

public sealed record TableInfo(string Name, long Rows, IReadOnlyList<string> MissingOptionalColumns);

public sealed record TagInfo(long Id, string Name, int Members, int Tasks, int Announcements, int ReportPermissions, TagTarget Suggestion,
    IReadOnlyList<string> ProposedGrants);

/// <summary>Step 1 and 2 of the wizard (operations.md §9.1): what the source holds, and what each tag should become.</summary>
public sealed record LegacyPerson(string Username, string Name);

public sealed record LegacyAnalysis(string Source, IReadOnlyList<TableInfo> Tables, IReadOnlyList<string> MissingTables,
    IReadOnlyList<string> UnknownTables, IReadOnlyList<TagInfo> Tags, IReadOnlyList<LegacyPerson> People)
{
    public static async Task<LegacyAnalysis> ReadAsync(LegacySource source, CancellationToken ct = default)
    {
        var tables = new List<TableInfo>();
        foreach (var name in LegacyTables.Imported.Concat(LegacyTables.NotYetImported).Where(source.HasTable))
        {
            var columns = await source.ColumnsAsync(name, ct);
            var missing = LegacyTables.OptionalColumns.TryGetValue(name, out var optional) ? optional.Where(c => !columns.Contains(c)).ToList() : [];
            tables.Add(new TableInfo(name, await source.CountAsync(name, ct), missing));
        }
        var missingTables = LegacyTables.Imported.Where(t => !source.HasTable(t)).ToList();
        var unknown = source.Tables.Where(t => !LegacyTables.IsKnown(t)).Order(StringComparer.Ordinal).ToList();

        var userTags = await source.ReadAsync("user_tags", ct);
        var tasks = await source.ReadAsync("tasks", ct);
        var links = await source.ReadAsync("announcement_tag_links", ct);
        var grants = await source.ReadAsync("report_permissions", ct);
        var tags = (await source.ReadAsync("tags", ct)).Select(t =>
        {
            var id = t.Id;
            var name = t.Text("nome") ?? $"tag {id}";
            var members = userTags.Count(u => u.Number("tag_id") == id);
            var taskCount = tasks.Count(x => x.Number("tag_id") == id);
            var grantCount = grants.Count(g => g.Number("tag_id") == id);
            return new TagInfo(id, name, members, taskCount, links.Count(l => l.Number("tag_id") == id), grantCount, Suggest(name, taskCount),
                ProposedGrants(name));
        }).ToList();
        var people = (await source.ReadAsync("users", ct)).Where(u => u.Bool("ativo") != false && u.Text("username") is not null)
            .Select(u => new LegacyPerson(u.Text("username")!, u.Text("name") ?? u.Text("username")!)).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        return new LegacyAnalysis(source.Display, tables, missingTables, unknown, tags, people);
    }

    /// <summary>Suggestion of operations.md §9.1 step 2: personal tags ignored, permission groups and the meeting-room
    /// tag become roles, the rest (the tags task boards were organised by) become sectors.</summary>
    public static TagTarget Suggest(string name, int tasks)
    {
        if (name.StartsWith("__personal__", StringComparison.Ordinal)) return TagTarget.Ignore;
        var key = TextNormalizer.Key(name).ToLowerInvariant();
        if (key is "reuniao") return TagTarget.Role;
        if (key.StartsWith("relatorios", StringComparison.Ordinal) || key is "gestao" or "coord." or "coord" or "diretoria" or "emissor nfe")
            return tasks > 0 ? TagTarget.SectorAndRole : TagTarget.Role;
        if (key is "financeiro") return TagTarget.SectorAndRole;
        return TagTarget.Sector;
    }

    /// <summary>
    /// Grants proposed for a tag the original used as a permission group (operations.md §9.1 step 2): what the tag
    /// unlocked in the original's code, as permissions of this portal. Only codes the portal knows.
    /// </summary>
    public static IReadOnlyList<string> ProposedGrants(string tagName)
    {
        var key = TextNormalizer.Key(tagName).ToLowerInvariant();
        IEnumerable<string> codes = key switch
        {
            "gestao" or "coord." or "coord" => ["agenda.view", "agenda.manage", "agenda.manage_any"],
            "diretoria" => ["diretoria.hr", "diretoria.events"],
            "emissor nfe" or "financeiro" => ["billing.access"],
            "reuniao" => [Permissions.RoomsBook],
            "relatorios" => ReportCodes.Values.Where(c => c.StartsWith("reports.view:", StringComparison.Ordinal)),
            _ when key.StartsWith("relatorios:", StringComparison.Ordinal) => [ReportCode(key["relatorios:".Length..].Trim())],
            _ => [],
        };
        return codes.Where(Permissions.IsKnown).Distinct().ToList();
    }

    /// <summary>report_permissions codes of the original → portal permissions (operations.md §9.3).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReportCodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["empresas"] = "reports.view:clients", ["fiscal"] = "reports.view:fiscal", ["contabil"] = "reports.view:contabil",
        ["usuarios"] = "reports.view:users", ["cursos"] = "reports.view:courses", ["tarefas"] = "reports.view:tasks",
        ["mural_logs"] = "reports.view:mural_logs", ["client_logs"] = "reports.view:client_logs",
        ["user_activity_logs"] = "reports.view:user_activity", ["consultorias"] = "reports.view:consulting",
        ["announcements_manage"] = "announcements.manage", ["procedures_manage"] = "procedures.manage",
        ["procedures_ti_manage"] = "procedures.ti.manage", ["acessos_manage"] = "links.manage",
    };

    public static string ReportCode(string legacyCode) =>
        ReportCodes.TryGetValue(legacyCode, out var mapped) ? mapped : $"reports.view:{legacyCode.ToLowerInvariant()}";

    /// <summary>Portal role name for a tag mapped to Papel (the meeting-room tag matches the seeded role).</summary>
    public static string RoleNameFor(string tagName) =>
        TextNormalizer.Key(tagName) is "REUNIAO" ? "Somente Sala de Reuniões" : tagName;
}
