using Microsoft.EntityFrameworkCore;
using Portal.Platform.Files;
using Portal.Platform.Ops.Import;
using Portal.Platform.Text;

namespace Portal.Features.Tasks;

/// <summary>
/// The original's task tables (operations.md §9.3): tasks (tag → sector; personal or ignored tags → private task),
/// attachments (copied from the uploads folder through the normal upload checks), responses → comments, last_read_at →
/// read states, followers, and both history tables merged. Parents are written before children so a subtask always
/// points at an existing row; rows go in batches so a 20,000-task source stays well under two minutes.
/// </summary>
public sealed class TasksLegacyImport(LegacyHtml html) : ILegacyImportStep
{
    private const int Batch = 1000;

    public int Order => 50;

    public async Task RunAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        var tasks = await ImportTasksAsync(ctx, ct);
        await ImportCommentsAsync(ctx, tasks, ct);
        await ImportReadStatesAsync(ctx, tasks, ct);
        await ImportFollowersAsync(ctx, tasks, ct);
        await ImportHistoryAsync(ctx, tasks, ct);
        await ImportAttachmentsAsync(ctx, tasks, ct);
    }

    /// <summary>Legacy task id → (portal id, creator) of the tasks imported in this run (related rows of tasks
    /// imported earlier are not brought again).</summary>
    private sealed record Imported(long Id, long CreatorId);

    private async Task<Dictionary<long, Imported>> ImportTasksAsync(LegacyImportContext ctx, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("tasks", ct);
        var report = ctx.Report.For("tasks → tarefas");
        report.Source = rows.Count;
        var statusHistory = (await ctx.Source.ReadAsync("task_status_history", ct))
            .Where(h => Status(h.Text("to_status")) == TaskItemStatus.InProgress)
            .GroupBy(h => h.Number("task_id") ?? 0).ToDictionary(g => g.Key, g => g.Min(h => h.Utc("changed_at")));
        var byId = rows.ToDictionary(r => r.Id);
        var imported = new Dictionary<long, Imported>();
        var known = new Dictionary<long, (long Id, int Depth, long? RootId, long? SectorId)>();
        foreach (var (legacyId, target) in rows.Select(r => (r.Id, ctx.TargetOf("tasks", r.Id, "TaskItem"))).Where(x => x.Item2 is not null))
            known[legacyId] = (target!.Value, 0, null, null);
        if (known.Count > 0)
        {
            var ids = known.Values.Select(k => k.Id).ToList();
            var existing = await ctx.Db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Depth, t.RootId, t.SectorId }).ToDictionaryAsync(t => t.Id, ct);
            foreach (var legacyId in known.Keys.ToList())
            {
                if (existing.TryGetValue(known[legacyId].Id, out var e)) known[legacyId] = (e.Id, e.Depth, e.RootId, e.SectorId);
                else known.Remove(legacyId); // deleted in the portal since: not brought back
            }
        }

        var pending = new List<(LegacyRow Row, TaskItem Task)>();
        var done = 0;
        var lastDepth = 0;
        foreach (var (row, depth) in ParentsFirst(rows, byId))
        {
            ctx.Progress("tarefas", ++done, rows.Count);
            // A new level references the previous one: its rows must be saved (and have ids) first.
            if (depth != lastDepth && pending.Count > 0) await FlushAsync();
            lastDepth = depth;
            var where = $"tasks #{row.Id}";
            if (known.ContainsKey(row.Id) || ctx.TargetOf("tasks", row.Id, "TaskItem") is not null)
            {
                if (ctx.Update && known.TryGetValue(row.Id, out var k) && await ctx.Db.Tasks.FirstOrDefaultAsync(t => t.Id == k.Id, ct) is { } current)
                {
                    current.Title = ctx.Fit(row.Text("title"), TaskItem.TitleMax, report, where) ?? current.Title;
                    current.Status = Status(row.Text("status")) ?? current.Status;
                    current.Priority = Priority(row.Text("priority"));
                    current.DueDate = row.Date("due_date");
                    current.CompletedAt = current.Status == TaskItemStatus.Done ? row.Utc("completed_at") ?? current.CompletedAt : null;
                    report.Updated++;
                }
                else report.Skipped++;
                continue;
            }

            var creator = ctx.UserId(row.Number("created_by"));
            if (creator is null) report.Warn($"{where}: criador {row.Number("created_by")} não importado; atribuída ao administrador que importou.");
            var tag = row.Number("tag_id") ?? 0;
            var isPrivate = row.Bool("is_private") == true || !ctx.TagSectors.ContainsKey(tag);
            var status = Status(row.Text("status"));
            if (status is null) report.Warn($"{where}: situação \"{row.Text("status")}\" desconhecida; importada como Pendente.");
            var description = await html.CleanAsync(row.Str("description"), ctx, report, where, creator, ct);
            var plain = description.PlainText;
            var descriptionHtml = description.Html;
            if (descriptionHtml is { Length: > TaskItem.DescriptionMax })
            {
                report.Warn($"{where}: descrição maior que {TaskItem.DescriptionMax} caracteres; mantido só o texto, truncado.");
                plain = plain.Length > TaskItem.DescriptionMax - 100 ? plain[..(TaskItem.DescriptionMax - 100)] : plain;
                descriptionHtml = "<p>" + LegacyHtml.Encode(plain) + "</p>";
            }
            var createdAt = row.Utc("created_at") ?? ctx.NowUtc;
            var task = new TaskItem
            {
                Title = ctx.Fit(row.Text("title"), TaskItem.TitleMax, report, where) ?? $"Tarefa {row.Id}",
                Description = descriptionHtml,
                Status = status ?? TaskItemStatus.Pending,
                Priority = Priority(row.Text("priority")),
                DueDate = row.Date("due_date"),
                IsPrivate = isPrivate,
                SectorId = isPrivate ? null : ctx.TagSectors[tag],
                CreatorId = creator ?? ctx.ImportingUserId,
                AssigneeId = ctx.UserId(row.Number("assigned_to")),
                CreatedAt = createdAt,
                UpdatedAt = row.Utc("updated_at") ?? createdAt,
                CreatedById = creator ?? ctx.ImportingUserId,
                UpdatedById = creator ?? ctx.ImportingUserId,
            };
            if (row.Number("assigned_to") is { } assignee && task.AssigneeId is null)
                report.Warn($"{where}: responsável {assignee} não importado; tarefa sem responsável.");
            if (task.Status == TaskItemStatus.Done)
            {
                task.CompletedAt = row.Utc("completed_at") ?? task.UpdatedAt;
                task.CompletedById = ctx.UserId(row.Number("completed_by"));
            }
            if (task.Status != TaskItemStatus.Pending)
                task.StartedAt = statusHistory.GetValueOrDefault(row.Id) ?? task.CreatedAt;
            task.SearchText = TextNormalizer.Key(task.Title + " " + plain);

            if (row.Number("parent_id") is { } parentLegacy && parentLegacy != row.Id)
            {
                var parent = known.TryGetValue(parentLegacy, out var p) ? p : default;
                if (parent.Id == 0)
                {
                    report.Warn($"{where}: tarefa-mãe {parentLegacy} não encontrada; importada como tarefa principal.");
                }
                else if (parent.Depth + 1 >= TaskItem.MaxDepth)
                {
                    report.Warn($"{where}: subtarefa além de {TaskItem.MaxDepth} níveis; importada como tarefa principal.");
                }
                else
                {
                    task.ParentId = parent.Id;
                    task.Depth = parent.Depth + 1;
                    task.RootId = parent.RootId ?? parent.Id;
                    // Subtasks live on their parent's board.
                    if (!isPrivate && parent.SectorId is { } parentSector) task.SectorId = parentSector;
                }
            }
            ctx.Db.Tasks.Add(task);
            pending.Add((row, task));
            report.Imported++;
            if (pending.Count >= Batch) await FlushAsync();
        }
        if (pending.Count > 0) await FlushAsync();
        return imported;

        async Task FlushAsync()
        {
            await ctx.Db.SaveChangesAsync(ct);
            foreach (var (r, t) in pending)
            {
                t.RootId ??= t.Id;
                known[r.Id] = (t.Id, t.Depth, t.RootId, t.SectorId);
                imported[r.Id] = new Imported(t.Id, t.CreatorId);
                ctx.Remember("tasks", r.Id, "TaskItem", t.Id);
            }
            pending.Clear();
            await ctx.SaveAsync(ct);
        }
    }

    /// <summary>Orders rows so every parent precedes its children (ids of the original are not always in that order);
    /// rows caught in a parent cycle are imported as top-level tasks.</summary>
    private static IEnumerable<(LegacyRow Row, int Depth)> ParentsFirst(List<LegacyRow> rows, Dictionary<long, LegacyRow> byId)
    {
        var depth = new Dictionary<long, int>();
        int DepthOf(LegacyRow row, int guard)
        {
            if (depth.TryGetValue(row.Id, out var d)) return d;
            if (guard > 50) return 0;
            var parent = row.Number("parent_id");
            d = parent is { } p && p != row.Id && byId.TryGetValue(p, out var pr) ? DepthOf(pr, guard + 1) + 1 : 0;
            depth[row.Id] = d;
            return d;
        }
        foreach (var row in rows) DepthOf(row, 0);
        return rows.OrderBy(r => depth[r.Id]).ThenBy(r => r.Id).Select(r => (r, depth[r.Id]));
    }

    internal static TaskItemStatus? Status(string? value) => value?.Trim().ToUpperInvariant().Replace(' ', '_') switch
    {
        "PENDING" or "PENDENTE" => TaskItemStatus.Pending,
        "IN_PROGRESS" or "EM_ANDAMENTO" or "INPROGRESS" => TaskItemStatus.InProgress,
        "DONE" or "CONCLUIDA" or "CONCLUÍDA" or "COMPLETED" => TaskItemStatus.Done,
        _ => null,
    };

    private static TaskPriority Priority(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "LOW" or "BAIXA" => TaskPriority.Low,
        "HIGH" or "ALTA" or "URGENT" or "URGENTE" or "CRITICAL" => TaskPriority.High,
        _ => TaskPriority.Medium,
    };

    private async Task ImportCommentsAsync(LegacyImportContext ctx, Dictionary<long, Imported> tasks, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("task_responses", ct);
        var report = ctx.Report.For("task_responses → comentários");
        report.Source = rows.Count;
        var pending = new List<(LegacyRow Row, TaskComment Comment)>();
        var done = 0;
        foreach (var row in rows)
        {
            ctx.Progress("comentários", ++done, rows.Count);
            if (!tasks.TryGetValue(row.Number("task_id") ?? 0, out var task) || ctx.TargetOf("task_responses", row.Id, "TaskComment") is not null)
            {
                report.Skipped++;
                continue;
            }
            var author = ctx.UserId(row.Number("author_id"));
            if (author is null) report.Warn($"task_responses #{row.Id}: autor {row.Number("author_id")} não importado; atribuído ao administrador que importou.");
            var body = await html.CleanAsync(row.Str("body"), ctx, report, $"task_responses #{row.Id}", author, ct);
            var created = row.Utc("created_at") ?? ctx.NowUtc;
            var comment = new TaskComment
            {
                TaskId = task.Id,
                AuthorId = author ?? ctx.ImportingUserId,
                Body = body.Html is { Length: > TaskComment.BodyMax } ? ctx.Fit(body.Html, TaskComment.BodyMax, report, $"task_responses #{row.Id}") : body.Html,
                CreatedAt = created,
                UpdatedAt = created,
                CreatedById = author ?? ctx.ImportingUserId,
            };
            ctx.Db.TaskComments.Add(comment);
            pending.Add((row, comment));
            report.Imported++;
            if (pending.Count >= Batch) await FlushAsync();
        }
        await FlushAsync();

        async Task FlushAsync()
        {
            await ctx.Db.SaveChangesAsync(ct);
            foreach (var (r, c) in pending) ctx.Remember("task_responses", r.Id, "TaskComment", c.Id);
            pending.Clear();
            await ctx.SaveAsync(ct);
        }
    }

    private static async Task ImportReadStatesAsync(LegacyImportContext ctx, Dictionary<long, Imported> tasks, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("task_response_participants", ct);
        var report = ctx.Report.For("task_response_participants → leituras");
        report.Source = rows.Count;
        var seen = new HashSet<(long, long)>();
        foreach (var row in rows)
        {
            var user = ctx.UserId(row.Number("user_id"));
            if (!tasks.TryGetValue(row.Number("task_id") ?? 0, out var task) || user is null || row.Utc("last_read_at") is not { } at || !seen.Add((task.Id, user.Value)))
            {
                report.Skipped++;
                continue;
            }
            ctx.Db.TaskReadStates.Add(new TaskReadState { TaskId = task.Id, UserId = user.Value, LastReadAt = at });
            report.Imported++;
            if (report.Imported % Batch == 0) await ctx.SaveAsync(ct);
        }
        await ctx.SaveAsync(ct);
    }

    private static async Task ImportFollowersAsync(LegacyImportContext ctx, Dictionary<long, Imported> tasks, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("task_followers", ct);
        var report = ctx.Report.For("task_followers → acompanhantes");
        report.Source = rows.Count;
        var seen = new HashSet<(long, long)>();
        foreach (var row in rows)
        {
            var user = ctx.UserId(row.Number("user_id"));
            if (!tasks.TryGetValue(row.Number("task_id") ?? 0, out var task) || user is null || !seen.Add((task.Id, user.Value)))
            {
                report.Skipped++;
                continue;
            }
            ctx.Db.TaskFollowers.Add(new TaskFollower { TaskId = task.Id, UserId = user.Value, AddedAt = row.Utc("created_at") ?? ctx.NowUtc });
            report.Imported++;
            if (report.Imported % Batch == 0) await ctx.SaveAsync(ct);
        }
        await ctx.SaveAsync(ct);
    }

    private static async Task ImportHistoryAsync(LegacyImportContext ctx, Dictionary<long, Imported> tasks, CancellationToken ct)
    {
        var statusRows = await ctx.Source.ReadAsync("task_status_history", ct);
        var fieldRows = await ctx.Source.ReadAsync("task_history", ct);
        var report = ctx.Report.For("task_history/status → histórico");
        report.Source = statusRows.Count + fieldRows.Count;
        var entries = new List<TaskHistory>();
        foreach (var row in statusRows)
        {
            if (!tasks.TryGetValue(row.Number("task_id") ?? 0, out var task)) { report.Skipped++; continue; }
            var from = Status(row.Text("from_status"));
            var to = Status(row.Text("to_status"));
            entries.Add(new TaskHistory
            {
                TaskId = task.Id, At = row.Utc("changed_at") ?? ctx.NowUtc, ById = ctx.UserId(row.Number("changed_by")),
                Kind = TaskHistoryKind.StatusChanged, Field = "Status",
                OldValue = from is { } f ? TaskLabels.Status(f) : row.Text("from_status"),
                NewValue = to is { } t ? TaskLabels.Status(t) : row.Text("to_status"),
            });
        }
        foreach (var row in fieldRows)
        {
            if (!tasks.TryGetValue(row.Number("task_id") ?? 0, out var task)) { report.Skipped++; continue; }
            var kind = row.Text("change_type")?.ToLowerInvariant() == "created" ? TaskHistoryKind.Created : TaskHistoryKind.FieldChanged;
            entries.Add(new TaskHistory
            {
                TaskId = task.Id, At = row.Utc("changed_at") ?? ctx.NowUtc, ById = ctx.UserId(row.Number("changed_by")), Kind = kind,
                Field = Cut(row.Text("field_name"), TaskHistory.FieldMax),
                OldValue = Cut(row.Text("old_value"), TaskHistory.ValueMax),
                NewValue = Cut(row.Text("new_value"), TaskHistory.ValueMax),
            });
        }
        // Both tables merged chronologically (operations.md §9.3): ids then follow the order of events.
        foreach (var entry in entries.OrderBy(e => e.TaskId).ThenBy(e => e.At))
        {
            ctx.Db.TaskHistory.Add(entry);
            report.Imported++;
            if (report.Imported % (Batch * 2) == 0) await ctx.SaveAsync(ct);
        }
        await ctx.SaveAsync(ct);
    }

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private static async Task ImportAttachmentsAsync(LegacyImportContext ctx, Dictionary<long, Imported> tasks, CancellationToken ct)
    {
        var rows = await ctx.Source.ReadAsync("task_attachments", ct);
        var report = ctx.Report.For("task_attachments → anexos");
        report.Source = rows.Count;
        foreach (var row in rows)
        {
            var where = $"task_attachments #{row.Id}";
            if (!tasks.TryGetValue(row.Number("task_id") ?? 0, out var task) || ctx.TargetOf("task_attachments", row.Id, "StoredFile") is not null)
            {
                report.Skipped++;
                continue;
            }
            var path = ctx.FindUpload(row.Text("file_path"));
            if (path is null)
            {
                report.Skipped++;
                report.Warn($"{where}: arquivo \"{row.Text("file_path")}\" não encontrado na pasta de uploads.");
                continue;
            }
            var name = row.Text("original_name") ?? Path.GetFileName(path);
            var source = new UploadSource(name, new FileInfo(path).Length, () => File.OpenRead(path));
            if (ctx.DryRun)
            {
                var check = await ctx.Files.ValidateAsync(TaskService.AttachmentUseCase, source, ct);
                if (check.Error is not null)
                {
                    report.Skipped++;
                    report.Warn($"{where}: {name}: {check.Error}");
                }
                else report.Imported++;
                continue;
            }
            var upload = await ctx.Files.StoreAsync(TaskService.AttachmentUseCase, source, new FileOwner(TaskService.FileOwnerType, task.Id),
                task.CreatorId, TaskService.AttachmentUseCase, ct);
            if (upload.File is null)
            {
                report.Skipped++;
                report.Warn($"{where}: {name}: {upload.Error}");
                continue;
            }
            upload.File.UploadedAt = row.Utc("created_at") ?? ctx.NowUtc;
            await ctx.Db.SaveChangesAsync(ct);
            ctx.Remember("task_attachments", row.Id, "StoredFile", 0);
            report.Imported++;
        }
        await ctx.SaveAsync(ct);
    }
}
