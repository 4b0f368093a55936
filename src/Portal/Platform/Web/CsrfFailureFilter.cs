using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Portal.Platform.Web;

/// <summary>
/// A missing or invalid antiforgery token answers 403 with the seed's text "CSRF token inválido…" (identity.md §5
/// step 1) instead of MVC's bare 400; the status-code page renders the message.
/// </summary>
public sealed class CsrfFailureFilter : IAlwaysRunResultFilter
{
    public const string Item = "csrf-failed";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is not IAntiforgeryValidationFailedResult) return;
        context.HttpContext.Items[Item] = true;
        context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
