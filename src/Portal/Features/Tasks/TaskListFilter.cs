using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using Portal.Platform.Api;
using Portal.Platform.Text;
using Portal.Platform.Validation;

namespace Portal.Features.Tasks;

/// <summary>The query string of GET /api/v1/tasks, parsed by hand so each bad value is a 400 naming its parameter.</summary>
internal sealed class TaskListFilter
{
    public FieldErrors Errors { get; } = new();
    public PageRequest Paging { get; private set; }
    private List<TaskItemStatus>? _statuses;
    private long? _sectorId, _assigneeId, _clientId;
    private bool? _mine, _private;
    private string? _text;
    private DateOnly? _dueFrom, _dueTo;

    /// <summary>Everything that decides the page's content, for <see cref="TaskReadCache"/>.</summary>
    public string CacheKey =>
        $"{string.Join(',', (_statuses ?? []).Distinct().Order())}|{_sectorId}|{_assigneeId}|{_clientId}|{_mine}|{_private}|"
        + $"{_dueFrom}|{_dueTo}|{Paging.Page}|{Paging.PageSize}|{_text}";

    public static TaskListFilter Parse(string? status, string? sectorId, string? assigneeId, string? clientId, string? mine,
        string? isPrivate, string? q, string? dueFrom, string? dueTo, string? page, string? pageSize)
    {
        var f = new TaskListFilter();
        if (!string.IsNullOrWhiteSpace(status))
        {
            f._statuses = [];
            foreach (var code in status.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (TaskJsonBody.ParseEnum<TaskItemStatus>(code) is { } s) f._statuses.Add(s);
                else f.Errors.Add("status", TaskJsonBody.EnumMessage<TaskItemStatus>());
        }
        f._sectorId = f.Long("sectorId", sectorId);
        f._assigneeId = f.Long("assigneeId", assigneeId);
        f._clientId = f.Long("clientId", clientId);
        f._mine = f.Bool("mine", mine);
        f._private = f.Bool("private", isPrivate);
        f._text = string.IsNullOrWhiteSpace(q) ? null : TextNormalizer.Key(q);
        if (f._text?.Length > TaskItem.TitleMax) f.Errors.Add("q", Validators.MaxLength(TaskItem.TitleMax));
        f._dueFrom = f.Date("dueFrom", dueFrom);
        f._dueTo = f.Date("dueTo", dueTo);
        if (f._dueFrom > f._dueTo) f.Errors.Add("dueTo", "A data final deve ser igual ou posterior à inicial.");
        f.Paging = PageRequest.From((int?)f.Long("page", page), (int?)f.Long("pageSize", pageSize));
        return f;
    }

    /// <summary>The filters are bound as text (so a bad value is a 400 naming it); the document states their real types.</summary>
    public static Task DescribeParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        static OpenApiSchema Schema(JsonSchemaType type, string? format = null, string? pattern = null) => new() { Type = type, Format = format, Pattern = pattern };
        var described = new Dictionary<string, (string Description, OpenApiSchema Schema)>
        {
            ["status"] = ("Um ou mais status separados por vírgula: Pending, InProgress, Done.", Schema(JsonSchemaType.String, pattern: "^(Pending|InProgress|Done)(,(Pending|InProgress|Done))*$")),
            ["sectorId"] = ("Só tarefas deste setor.", Schema(JsonSchemaType.Integer, "int64")),
            ["assigneeId"] = ("Só tarefas atribuídas a este usuário.", Schema(JsonSchemaType.Integer, "int64")),
            ["clientId"] = ("Só tarefas deste cliente.", Schema(JsonSchemaType.Integer, "int64")),
            ["mine"] = ("true: tarefas criadas por, atribuídas a ou acompanhadas pelo usuário.", Schema(JsonSchemaType.Boolean)),
            ["private"] = ("true: só as tarefas pessoais do usuário; false: só tarefas de setor.", Schema(JsonSchemaType.Boolean)),
            ["q"] = ("Texto no título ou na descrição, sem diferenciar acentos e maiúsculas.", Schema(JsonSchemaType.String)),
            ["dueFrom"] = ("Data de entrega a partir de (inclusive).", Schema(JsonSchemaType.String, "date")),
            ["dueTo"] = ("Data de entrega até (inclusive).", Schema(JsonSchemaType.String, "date")),
            ["page"] = ("Página, a partir de 1.", Schema(JsonSchemaType.Integer, "int32")),
            ["pageSize"] = ("Itens por página (padrão 50, máximo 200).", Schema(JsonSchemaType.Integer, "int32")),
        };
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            if (parameter.Name is { } name && described.TryGetValue(name, out var d))
            {
                parameter.Description = d.Description;
                parameter.Schema = d.Schema;
            }
        return Task.CompletedTask;
    }

    public IQueryable<TaskItem> Apply(IQueryable<TaskItem> query, long me)
    {
        if (_statuses is { Count: > 0 })
        {
            var statuses = _statuses.Distinct().ToList();
            query = query.Where(t => EF.Constant(statuses).Contains(t.Status));
        }
        if (_sectorId is { } sector) query = query.Where(t => t.SectorId == sector);
        if (_assigneeId is { } assignee) query = query.Where(t => t.AssigneeId == assignee);
        if (_clientId is { } client) query = query.Where(t => t.ClientId == client);
        if (_mine == true) query = query.Where(t => t.CreatorId == me || t.AssigneeId == me || t.Followers.Any(f => f.UserId == me));
        if (_private is { } isPrivate) query = query.Where(t => t.IsPrivate == isPrivate);
        if (_text is { Length: > 0 } text) query = query.Where(t => t.SearchText.Contains(text));
        if (_dueFrom is { } from) query = query.Where(t => t.DueDate >= from);
        if (_dueTo is { } to) query = query.Where(t => t.DueDate <= to);
        return query;
    }

    private long? Long(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && (name is not ("page" or "pageSize") || value is >= int.MinValue and <= int.MaxValue))
            return value;
        Errors.Add(name, TaskJsonBody.InvalidValue);
        return null;
    }

    private bool? Bool(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (bool.TryParse(text, out var value)) return value;
        if (text is "1" or "0") return text == "1";
        Errors.Add(name, TaskJsonBody.InvalidValue);
        return null;
    }

    private DateOnly? Date(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Errors.Add(name, TaskJsonBody.InvalidDate);
        return null;
    }
}
