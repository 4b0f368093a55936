using Microsoft.EntityFrameworkCore;
using Portal.Platform.Authorization;
using Portal.Platform.Identity;
using Portal.Platform.Text;

namespace Portal.Platform.Ops.Import;

/// <summary>
/// users, tags/user_tags, setores and report_permissions (operations.md §9.3). Werkzeug hashes are kept as they are:
/// the login verifies them and rehashes with the portal's hasher on the first successful sign-in (identity.md §8.4).
/// </summary>
public sealed class IdentityImportStep : ILegacyImportStep
{
    public const string PlaceholderDomain = "importacao.invalid";

    public int Order => 10;

    public async Task RunAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        await ImportSetoresAsync(ctx, ct);
        var tagTargets = await ImportTagsAsync(ctx, ct);
        await ImportUsersAsync(ctx, ct);
        await ImportUserTagsAsync(ctx, tagTargets, ct);
        await ImportReportPermissionsAsync(ctx, tagTargets, ct);
        await ApplyPersonRulesAsync(ctx, ct);
    }

    /// <summary>Step 3 of the wizard: the people chosen for each rule the original hard-coded get a role with its grant.</summary>
    private static async Task ApplyPersonRulesAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        if (ctx.Options.PersonRules is not { Count: > 0 } rules) return;
        var report = ctx.Report.For("regras ligadas a pessoas → papéis");
        var users = (await ctx.Source.ReadAsync("users", ct)).Where(u => u.Text("username") is not null)
            .ToDictionary(u => u.Text("username")!, u => u.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var (permission, question, roleName) in PersonBoundRules.All)
        {
            if (!rules.TryGetValue(permission, out var people) || people.Count == 0 || !Permissions.IsKnown(permission)) continue;
            report.Source += people.Count;
            var (role, _) = await RoleAsync(ctx, roleName, question, ct);
            if (!await ctx.Db.PermissionGrants.AnyAsync(g => g.RoleId == role.Id && g.PermissionCode == permission, ct))
                ctx.Db.PermissionGrants.Add(new PermissionGrant { PermissionCode = permission, RoleId = role.Id });
            foreach (var username in people)
            {
                var user = users.TryGetValue(username, out var legacyId) ? ctx.UserId(legacyId) : null;
                if (user is null)
                {
                    report.Skipped++;
                    report.Warn($"{roleName}: usuário \"{username}\" não importado.");
                }
                else if (await ctx.Db.UserRoles.AnyAsync(m => m.UserId == user.Value && m.RoleId == role.Id, ct)) report.Skipped++;
                else
                {
                    ctx.Db.UserRoles.Add(new UserRole { UserId = user.Value, RoleId = role.Id });
                    report.Imported++;
                }
            }
            await ctx.Db.SaveChangesAsync(ct);
        }
    }

    private static async Task ImportSetoresAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("setores", ct);
        var report = ctx.Report.For("setores → setores");
        report.Source = rows.Count;
        foreach (var row in rows)
        {
            if (ctx.TargetOf("setores", row.Id, "Sector") is not null)
            {
                report.Skipped++;
                continue;
            }
            var name = row.Text("nome");
            if (name is null)
            {
                report.Skipped++;
                report.Warn($"setores #{row.Id}: sem nome; ignorado.");
                continue;
            }
            var (sector, created) = await SectorAsync(ctx, name, hasTaskBoard: false, ct);
            if (created) report.Imported++; else report.Skipped++;
            ctx.Remember("setores", row.Id, "Sector", sector.Id);
        }
    }

    /// <summary>Finds a sector by normalized name or creates it (saved at once: later rows reference its id).</summary>
    private static async Task<(Sector Sector, bool Created)> SectorAsync(LegacyImportContext ctx, string name, bool hasTaskBoard, CancellationToken ct)
    {
        name = name.Length > 100 ? name[..100] : name;
        var key = TextNormalizer.Key(name);
        var existing = await ctx.Db.Sectors.FirstOrDefaultAsync(s => s.NameNormalized == key, ct);
        if (existing is not null) return (existing, false);
        var sector = new Sector { Name = name, NameNormalized = key, HasTaskBoard = hasTaskBoard, SortOrder = 1000 };
        ctx.Db.Sectors.Add(sector);
        await ctx.Db.SaveChangesAsync(ct);
        return (sector, true);
    }

    private static async Task<(Role Role, bool Created)> RoleAsync(LegacyImportContext ctx, string name, string description, CancellationToken ct)
    {
        name = name.Length > 100 ? name[..100] : name;
        var key = TextNormalizer.Key(name);
        var existing = await ctx.Db.Roles.FirstOrDefaultAsync(r => r.NameNormalized == key, ct);
        if (existing is not null) return (existing, false);
        var role = new Role { Name = name, NameNormalized = key, Description = description, SortOrder = 1000 };
        ctx.Db.Roles.Add(role);
        await ctx.Db.SaveChangesAsync(ct);
        return (role, true);
    }

    private sealed record TagTargets(long? SectorId, long? RoleId);

    private static async Task<Dictionary<long, TagTargets>> ImportTagsAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("tags", ct);
        var tasks = await ctx.Source.ReadAsync("tasks", ct);
        var taskCounts = tasks.GroupBy(t => t.Number("tag_id") ?? 0).ToDictionary(g => g.Key, g => g.Count());
        var report = ctx.Report.For("tags → setores/papéis");
        report.Source = rows.Count;
        var result = new Dictionary<long, TagTargets>();
        foreach (var row in rows)
        {
            var name = row.Text("nome") ?? $"Tag {row.Id}";
            var target = ctx.Options.TagMappings is { } chosen && chosen.TryGetValue(name, out var t)
                ? t : LegacyAnalysis.Suggest(name, taskCounts.GetValueOrDefault(row.Id));
            if (target == TagTarget.Ignore)
            {
                report.Skipped++;
                result[row.Id] = new TagTargets(null, null);
                continue;
            }
            long? sectorId = ctx.TargetOf("tags", row.Id, "Sector");
            long? roleId = ctx.TargetOf("tags", row.Id, "Role");
            var created = false;
            if (target is TagTarget.Sector or TagTarget.SectorAndRole && sectorId is null)
            {
                var (sector, isNew) = await SectorAsync(ctx, name, hasTaskBoard: true, ct);
                sectorId = sector.Id;
                created |= isNew;
                ctx.Remember("tags", row.Id, "Sector", sector.Id);
            }
            if (target is TagTarget.Role or TagTarget.SectorAndRole && roleId is null)
            {
                var (role, isNew) = await RoleAsync(ctx, LegacyAnalysis.RoleNameFor(name), $"Importado da tag \"{name}\" do portal original.", ct);
                roleId = role.Id;
                created |= isNew;
                ctx.Remember("tags", row.Id, "Role", role.Id);
            }
            if (created) report.Imported++; else report.Skipped++;
            if (target is TagTarget.Role or TagTarget.SectorAndRole && roleId is { } grantee
                && ctx.Options.DeclinedGrantTags?.Contains(name) != true)
                await GrantProposedAsync(ctx, name, grantee, report, ct);
            result[row.Id] = new TagTargets(target is TagTarget.Role ? null : sectorId, target is TagTarget.Sector ? null : roleId);
            if (result[row.Id].SectorId is { } s) ctx.TagSectors[row.Id] = s;
        }
        return result;
    }

    /// <summary>The grants the wizard proposed for a permission-group tag, given to its role (once).</summary>
    private static async Task GrantProposedAsync(LegacyImportContext ctx, string tagName, long roleId, EntityReport report, CancellationToken ct)
    {
        var proposed = LegacyAnalysis.ProposedGrants(tagName);
        if (proposed.Count == 0) return;
        var existing = await ctx.Db.PermissionGrants.Where(g => g.RoleId == roleId && g.SectorId == null).Select(g => g.PermissionCode).ToListAsync(ct);
        var added = proposed.Except(existing, StringComparer.Ordinal).ToList();
        foreach (var code in added) ctx.Db.PermissionGrants.Add(new PermissionGrant { PermissionCode = code, RoleId = roleId });
        if (added.Count == 0) return;
        await ctx.Db.SaveChangesAsync(ct);
        report.Warn($"Tag \"{tagName}\": permissões propostas concedidas ao papel — {string.Join(", ", added)}. Revise em Administração › Papéis.");
    }

    private static async Task ImportUsersAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("users", ct);
        var report = ctx.Report.For("users → usuários");
        report.Source = rows.Count;
        var existing = await ctx.Db.Users.AsNoTracking().Select(u => new { u.Id, u.Email, u.Username, u.GoogleSubject, u.FullName }).ToListAsync(ct);
        var emails = existing.ToDictionary(u => u.Email, u => u.Id, StringComparer.OrdinalIgnoreCase);
        var usernames = existing.Select(u => u.Username).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var googleSubjects = existing.Where(u => u.GoogleSubject != null).Select(u => u.GoogleSubject!).ToHashSet(StringComparer.Ordinal);
        var adminRole = await ctx.Db.Roles.AsNoTracking().Where(r => r.IsAdministrator).Select(r => r.Id).FirstAsync(ct);
        var collaboratorKey = TextNormalizer.Key("Colaborador");
        var collaboratorRole = await ctx.Db.Roles.AsNoTracking().Where(r => r.NameNormalized == collaboratorKey).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        var sourceEmails = rows.Select(r => r.Text("email")?.ToLowerInvariant()).Where(e => e is not null)
            .GroupBy(e => e!).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = new List<(LegacyRow Row, User User)>();
        var done = 0;
        foreach (var row in rows)
        {
            ctx.Progress("usuários", ++done, rows.Count);
            var where = $"users #{row.Id} ({row.Text("username")})";
            if (ctx.TargetOf("users", row.Id, "User") is { } mapped)
            {
                ctx.Users[row.Id] = mapped;
                if (ctx.Update && await ctx.Db.Users.FirstOrDefaultAsync(u => u.Id == mapped, ct) is { } current)
                {
                    current.FullName = FullName(row);
                    current.IsActive = current.IsActive && (row.Bool("ativo") ?? true);
                    report.Updated++;
                }
                else report.Skipped++;
                continue;
            }

            var email = row.Text("email")?.ToLowerInvariant();
            if (email is not null && emails.TryGetValue(email, out var sameEmail) && !sourceEmails.Contains(email))
            {
                // A portal account with this e-mail already exists (e.g. the administrator created at setup): link, don't duplicate.
                ctx.Users[row.Id] = sameEmail;
                ctx.Remember("users", row.Id, "User", sameEmail);
                report.Skipped++;
                report.Warn($"{where}: já existia no portal um usuário com o e-mail {email}; vinculado a ele (senha e papéis do portal mantidos).");
                continue;
            }

            var active = row.Bool("ativo") ?? true;
            if (email is null || !IsEmail(email) || sourceEmails.Contains(email) || emails.ContainsKey(email))
            {
                report.Warn(email is null ? $"{where}: sem e-mail; importado inativo com e-mail provisório."
                    : $"{where}: e-mail \"{email}\" inválido ou repetido; importado inativo com e-mail provisório.");
                email = $"legado-{row.Id}@{PlaceholderDomain}";
                active = false;
                ctx.Report.UsersWithoutEmail.Add(row.Text("username") ?? $"#{row.Id}");
            }
            emails[email] = 0;

            var hash = row.Text("password");
            if (hash is not null && !WerkzeugHash.IsWerkzeugFormat(hash))
            {
                report.Warn($"{where}: senha em formato desconhecido; o usuário precisará redefinir a senha.");
                hash = null;
            }
            var google = row.Text("google_id");
            if (google is not null && !googleSubjects.Add(google))
            {
                report.Warn($"{where}: conta Google já vinculada a outro usuário; vínculo não importado.");
                google = null;
            }

            var user = new User
            {
                Email = email,
                Username = UniqueUsername(row.Text("username") ?? email.Split('@')[0], usernames),
                FullName = FullName(row),
                IsActive = active,
                PasswordHash = hash,
                GoogleSubject = google,
            };
            var role = row.Text("role")?.ToLowerInvariant();
            var isAdmin = role is "admin" or "admin_master" || row.Bool("is_master") == true;
            if (isAdmin) user.Roles.Add(new UserRole { RoleId = adminRole });
            else if (collaboratorRole is { } c) user.Roles.Add(new UserRole { RoleId = c });
            ctx.Db.Users.Add(user);
            added.Add((row, user));
            report.Imported++;
        }
        await ctx.Db.SaveChangesAsync(ct);
        foreach (var (row, user) in added)
        {
            ctx.Users[row.Id] = user.Id;
            ctx.Remember("users", row.Id, "User", user.Id);
        }

        // Name lookup for texts that reference people (full name first, then username; accent/case-insensitive).
        var byId = rows.ToDictionary(r => r.Id);
        foreach (var (legacyId, userId) in ctx.Users)
        {
            if (!byId.TryGetValue(legacyId, out var row)) continue;
            if (row.Text("username") is { } username) ctx.UsersByName.TryAdd(TextNormalizer.Key(username), userId);
        }
        foreach (var (legacyId, userId) in ctx.Users)
        {
            if (byId.TryGetValue(legacyId, out var row) && row.Text("name") is { } name) ctx.UsersByName[TextNormalizer.Key(name)] = userId;
        }
        await ctx.SaveAsync(ct);
    }

    private static string FullName(LegacyRow row)
    {
        var name = row.Text("name") ?? row.Text("username") ?? $"Usuário {row.Id}";
        return name.Length > 120 ? name[..120] : name;
    }

    private static bool IsEmail(string email) =>
        email.Length <= 254 && email.IndexOf('@') is var at && at > 0 && at < email.Length - 3 && email.IndexOf('.', at) > at + 1 && !email.Contains(' ');

    private static string UniqueUsername(string wanted, HashSet<string> taken)
    {
        var baseName = wanted.Trim();
        if (baseName.Length > 36) baseName = baseName[..36];
        var candidate = baseName;
        for (var i = 2; !taken.Add(candidate); i++) candidate = $"{baseName}{i}";
        return candidate;
    }

    private static async Task ImportUserTagsAsync(LegacyImportContext ctx, Dictionary<long, TagTargets> tags, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("user_tags", ct);
        var report = ctx.Report.For("user_tags → membros");
        report.Source = rows.Count;
        var sectorMembers = (await ctx.Db.SectorMemberships.AsNoTracking().Select(m => new { m.UserId, m.SectorId }).ToListAsync(ct))
            .Select(m => (m.UserId, m.SectorId)).ToHashSet();
        var roleMembers = (await ctx.Db.UserRoles.AsNoTracking().Select(m => new { m.UserId, m.RoleId }).ToListAsync(ct))
            .Select(m => (m.UserId, m.RoleId)).ToHashSet();
        foreach (var row in rows)
        {
            var user = ctx.UserId(row.Number("user_id"));
            if (user is null || !tags.TryGetValue(row.Number("tag_id") ?? 0, out var target) || target is { SectorId: null, RoleId: null })
            {
                report.Skipped++;
                continue;
            }
            var added = false;
            if (target.SectorId is { } s && sectorMembers.Add((user.Value, s)))
            {
                ctx.Db.SectorMemberships.Add(new SectorMembership { UserId = user.Value, SectorId = s });
                added = true;
            }
            if (target.RoleId is { } r && roleMembers.Add((user.Value, r)))
            {
                ctx.Db.UserRoles.Add(new UserRole { UserId = user.Value, RoleId = r });
                added = true;
            }
            if (added) report.Imported++; else report.Skipped++;
        }
        await ctx.SaveAsync(ct);
    }

    private static async Task ImportReportPermissionsAsync(LegacyImportContext ctx, Dictionary<long, TagTargets> tags, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("report_permissions", ct);
        var report = ctx.Report.For("report_permissions → permissões");
        report.Source = rows.Count;
        var grants = (await ctx.Db.PermissionGrants.AsNoTracking().Select(g => new { g.PermissionCode, g.RoleId, g.SectorId }).ToListAsync(ct))
            .Select(g => (g.PermissionCode, g.RoleId, g.SectorId)).ToHashSet();
        var usernames = (await ctx.Source.ReadAsync("users", ct)).ToDictionary(u => u.Id, u => u.Text("username") ?? $"#{u.Id}");
        foreach (var row in rows)
        {
            var legacyCode = row.Text("report_code") ?? "";
            var code = LegacyAnalysis.ReportCode(legacyCode);
            long? roleId = null, sectorId = null;
            if (row.Number("user_id") is { } legacyUser)
            {
                var user = ctx.UserId(legacyUser);
                if (user is null)
                {
                    report.Skipped++;
                    report.Warn($"report_permissions #{row.Id}: usuário {legacyUser} não importado; permissão ignorada.");
                    continue;
                }
                var (role, _) = await RoleAsync(ctx, $"Permissões individuais – {usernames.GetValueOrDefault(legacyUser, $"#{legacyUser}")}",
                    "Permissões que o portal original dava a esta pessoa individualmente.", ct);
                roleId = role.Id;
                if (!await ctx.Db.UserRoles.AnyAsync(m => m.UserId == user.Value && m.RoleId == role.Id, ct))
                {
                    ctx.Db.UserRoles.Add(new UserRole { UserId = user.Value, RoleId = role.Id });
                    await ctx.Db.SaveChangesAsync(ct);
                }
            }
            else if (row.Number("tag_id") is { } tag && tags.TryGetValue(tag, out var target))
            {
                (roleId, sectorId) = target.RoleId is { } r ? ((long?)r, (long?)null) : ((long?)null, target.SectorId);
            }
            if (roleId is null && sectorId is null)
            {
                report.Skipped++;
                report.Warn($"report_permissions #{row.Id} ({legacyCode}): tag ignorada ou ausente; permissão não concedida.");
                continue;
            }
            if (!Permissions.IsKnown(code))
            {
                report.Skipped++;
                report.Warn($"report_permissions #{row.Id}: permissão \"{code}\" ainda não existe neste portal (módulo futuro); não concedida.");
                continue;
            }
            if (!grants.Add((code, roleId, sectorId)))
            {
                report.Skipped++;
                continue;
            }
            ctx.Db.PermissionGrants.Add(new PermissionGrant { PermissionCode = code, RoleId = roleId, SectorId = sectorId });
            report.Imported++;
        }
        await ctx.SaveAsync(ct);
    }
}
