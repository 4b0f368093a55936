using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Platform.Web;

namespace Portal.Features.Home.Pages;

/// <summary>Status pages of platform.md §10; never shows exception details. The 500 code equals X-Request-ID.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string RequestId => HttpContext.TraceIdentifier;

    public IActionResult OnGet(int code) => Render(code);

    // Re-executed POSTs (e.g. a CSRF failure) arrive here with their original method.
    public IActionResult OnPost(int code) => Render(code);

    private IActionResult Render(int code)
    {
        // Only re-executed requests (status-code pages) render an error; browsing /erro/xxx directly is a 404.
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null;
        Code = !reExecuted ? 404 : Response.StatusCode is >= 400 and < 500 ? Response.StatusCode : code;
        (Title, Message) = Code switch
        {
            403 when HttpContext.Items.ContainsKey(CsrfFailureFilter.Item) =>
                ("Acesso negado", "CSRF token inválido. Recarregue a página e tente novamente."),
            403 => ("Acesso negado", "Você não tem permissão para acessar esta página."),
            404 => ("Não encontrada", "Página não encontrada."),
            405 => ("Método não permitido", "Esta ação não está disponível por este caminho."),
            413 => ("Arquivo muito grande", "O envio excede o tamanho permitido."),
            429 => ("Muitas tentativas", $"Muitas tentativas. Tente novamente em {RetryAfter()} segundos."),
            >= 500 => ("Erro", "Ocorreu um erro inesperado. Código: " + RequestId),
            _ => ("Erro", "Não foi possível concluir a solicitação."),
        };
        Response.StatusCode = Code;
        return Page();
    }

    private int RetryAfter() =>
        HttpContext.Items[TooManyRequestsExtensions.RetryAfterItem] as int?
        ?? (int.TryParse(Response.Headers.RetryAfter, out var s) ? s : 60);
}
