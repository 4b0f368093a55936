using System.Text;
using System.Text.Encodings.Web;
using Portal.Platform.Authorization;
using Portal.Platform.Contracts;

namespace Portal.Features.Tasks;

/// <summary>
/// The search behind the client picker of the task forms and filters (wwwroot/js/client-picker.js): htmx GETs up to
/// <see cref="Max"/> active clients as listbox options. It needs <c>tasks.access</c> only and answers code and name,
/// nothing else of the registry (docs/adr/009-task-client-picker.md).
/// </summary>
public static class TaskClientPicker
{
    public const string Url = "/tarefas/clientes";
    public const int Max = 10;
    public const string NoneFound = "Nenhum cliente ativo encontrado.";

    public static void MapTaskClientPicker(this WebApplication app) =>
        app.MapGet(Url, SearchAsync).RequirePermission(Permissions.TasksAccess);

    private static async Task<IResult> SearchAsync(string? q, HttpContext http, IClientDirectory clients)
    {
        http.Response.Headers.CacheControl = "no-store";
        var term = q?.Trim() ?? "";
        if (term.Length == 0) return Html("");
        var found = await clients.SearchAsync(term, Max, http.RequestAborted);
        return Html(Render(found));
    }

    /// <summary>Buttons with role="option": the script moves the active one with the arrows, a click or Enter picks it.</summary>
    public static string Render(IReadOnlyList<ClientRef> found)
    {
        if (found.Count == 0) return $"<div class=\"list-group-item small text-body-secondary\" data-picker-empty>{NoneFound}</div>";
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        foreach (var c in found)
            html.Append("<button type=\"button\" role=\"option\" aria-selected=\"false\" tabindex=\"-1\" class=\"list-group-item list-group-item-action\" data-client-id=\"")
                .Append(c.Id).Append("\" data-client-label=\"").Append(e.Encode(c.Label)).Append("\"><span class=\"fw-semibold\">")
                .Append(e.Encode(c.Code)).Append("</span> – ").Append(e.Encode(c.Name)).Append("</button>");
        return html.ToString();
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");
}
