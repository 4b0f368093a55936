using Portal.Platform.Text;

namespace Portal.Platform.Ops.Import;

public sealed record TableInfo(string Name, long Rows, IReadOnlyList<string> MissingOptionalColumns);

public sealed record TagInfo(long Id, string Name, int Members, int Tasks, int Announcements, int ReportPermissions, TagTarget Suggestion);

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
            return new TagInfo(id, name, members, taskCount, links.Count(l => l.Number("tag_id") == id), grantCount, Suggest(name, taskCount));
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

    /// <summary>Portal role name for a tag mapped to Papel (the meeting-room tag matches the seeded role).</summary>
    public static string RoleNameFor(string tagName) =>
        TextNormalizer.Key(tagName) is "REUNIAO" ? "Somente Sala de Reuniões" : tagName;
}
